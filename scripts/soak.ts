// Kiosk soak test (`npm run soak -- [--minutes 30] [--sample 30]`): runs the production kiosk in
// headless Chromium with an accelerated attract loop and random touches, samples the JS heap, DOM
// nodes and event listeners after a forced garbage collection, forces a WebGL context loss half-way,
// and writes the figures and a verdict to docs/RELIABILITY.md. Not part of `npm test`.

import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createAppServer } from './serve.mjs';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const MINUTES = arg('minutes', 30);
const SAMPLE_S = arg('sample', 30);
// Accelerated kiosk: idle after 4 s, a tour step every second, reset after 20 s.
const KIOSK_QUERY = '?mode=kiosque&veille=4&etape=1&reinit=20';

interface Sample {
  t: number; // seconds since start
  heapMB: number;
  nodes: number;
  listeners: number;
  state: string;
}

/** Least-squares slope (per second) of y over t. */
function slope(points: { t: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - my);
    den += (p.t - mt) ** 2;
  }
  return den ? num / den : 0;
}

async function main() {
  if (!existsSync('dist/index.html')) throw new Error('dist/ manque : lancez `npm run build` avant `npm run soak`.');
  const server = createAppServer(resolve('dist'));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const chromiumPath = process.env.CHROMIUM_PATH ?? execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'soak-')), {
    executablePath: chromiumPath,
    headless: true,
    hasTouch: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/GPU stall|GL Driver|WebGL|context lost/i.test(m.text())) errors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  await page.goto(base + KIOSK_QUERY);
  await page.waitForSelector('#map[data-ready="true"], [data-ready="true"]', { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  const samples: Sample[] = [];
  const start = Date.now();
  const end = start + MINUTES * 60_000;
  let nextSample = start;
  let contextLoss: { at: number; recovered: boolean; ms: number } | null = null;
  let touches = 0;
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  while (Date.now() < end) {
    const now = Date.now();
    if (now >= nextSample) {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const state = (await page.getAttribute('[data-kiosk-state]', 'data-kiosk-state').catch(() => null)) ?? '?';
      samples.push({ t: Math.round((now - start) / 1000), heapMB: m.JSHeapUsedSize / 2 ** 20, nodes: m.Nodes, listeners: m.JSEventListeners, state });
      process.stdout.write(`t=${samples.at(-1)!.t}s heap=${samples.at(-1)!.heapMB.toFixed(1)} MB nodes=${m.Nodes} listeners=${m.JSEventListeners} ${state}\n`);
      nextSample += SAMPLE_S * 1000;
    }
    // Half-way: a forced WebGL context loss must be recovered.
    if (!contextLoss && now - start > (MINUTES * 60_000) / 2) {
      const t0 = Date.now();
      await page.evaluate(() => {
        const c = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement;
        (c.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context')?.loseContext();
      });
      const recovered = await page
        .waitForFunction(
          () => {
            const map = (window as any).__map;
            return !!map && map.loaded() && map.queryRenderedFeatures(undefined, { layers: ['communes-fill'] }).length > 50;
          },
          null,
          { timeout: 30_000, polling: 500 },
        )
        .then(() => true)
        .catch(() => false);
      contextLoss = { at: Math.round((t0 - start) / 1000), recovered, ms: Date.now() - t0 };
      process.stdout.write(`WebGL context loss at ${contextLoss.at}s: ${recovered ? 'recovered' : 'NOT recovered'} in ${contextLoss.ms} ms\n`);
    }
    // A visitor now and then: a tap on a random button of the bottom bar, or on the map.
    if (rand() < 0.25) {
      const buttons = await page.$$('button:visible');
      const b = buttons.length ? buttons[Math.floor(rand() * buttons.length)] : null;
      const box = b ? await b.boundingBox() : null;
      if (box) await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2).catch(() => undefined);
      else await page.touchscreen.tap(200 + rand() * 800, 200 + rand() * 400);
      touches++;
    }
    await page.waitForTimeout(4000 + rand() * 8000);
  }

  await context.close();
  server.close();

  // Trend over the second half (after warm-up), expressed as growth per hour and relative to the mean.
  const half = samples.filter((x) => x.t >= (MINUTES * 60) / 2 - 1);
  const trend = (key: 'heapMB' | 'nodes' | 'listeners') => {
    const pts = half.map((x) => ({ t: x.t, y: x[key] }));
    const mean = pts.reduce((a, p) => a + p.y, 0) / Math.max(1, pts.length);
    const perHour = slope(pts) * 3600;
    return { mean, perHour, relPerHour: mean ? perHour / mean : 0 };
  };
  const heap = trend('heapMB');
  const nodes = trend('nodes');
  const listeners = trend('listeners');
  // "Flat": less than 10 % growth per hour extrapolated from the second half.
  const flat = [heap, nodes, listeners].every((x) => x.relPerHour < 0.1);
  const ok = flat && errors.length === 0 && foreign.length === 0 && (!contextLoss || contextLoss.recovered);

  const fmt = (n: number, d = 1) => n.toLocaleString('fr-FR', { maximumFractionDigits: d, minimumFractionDigits: d });
  const rows = samples.filter((_, i) => i % Math.max(1, Math.round(samples.length / 30)) === 0 || _ === samples.at(-1));
  const md = `# Reliability: kiosk soak test

Generated by \`npm run soak\` (scripts/soak.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, headless Debian Chromium (SwiftShader WebGL).

## Method
- The production build is served by \`scripts/serve.mjs\` and opened as a kiosk with an **accelerated** attract loop:
  \`${KIOSK_QUERY}\` (idle after 4 s, one tour step per second, reset after 20 s).
- For ${MINUTES} minutes, a simulated visitor taps a random button (or the map) every 4–12 s with a 25 % chance, so the
  kiosk keeps switching between the attract loop, interactive use and resets.
- Every ${SAMPLE_S} s, after a forced garbage collection (DevTools protocol \`HeapProfiler.collectGarbage\`), the JS heap,
  DOM node count and event-listener count are read (\`Performance.getMetrics\`).
- Half-way, the WebGL context is lost on purpose (\`WEBGL_lose_context\`); the map must draw the communes again.
- Verdict: the trend over the second half (least squares) must stay under 10 % growth per hour for each measure, with no
  page error, no request outside the origin and the context loss recovered.

## Result: ${ok ? '**flat, no error**' : '**FAILED**'}

| measure | mean (2nd half) | trend per hour | relative |
|---|---|---|---|
| JS heap (MB) | ${fmt(heap.mean)} | ${fmt(heap.perHour, 2)} | ${fmt(heap.relPerHour * 100)} % |
| DOM nodes | ${fmt(nodes.mean, 0)} | ${fmt(nodes.perHour, 1)} | ${fmt(nodes.relPerHour * 100)} % |
| event listeners | ${fmt(listeners.mean, 0)} | ${fmt(listeners.perHour, 1)} | ${fmt(listeners.relPerHour * 100)} % |

- Duration: ${MINUTES} min, ${samples.length} samples, ${touches} simulated touches.
- WebGL context loss: ${contextLoss ? `at ${contextLoss.at} s, ${contextLoss.recovered ? `recovered in ${fmt(contextLoss.ms / 1000)} s` : 'NOT recovered'}` : 'not reached'}.
- Page errors: ${errors.length}${errors.length ? ` (first: ${errors[0].slice(0, 160)})` : ''}. Requests outside the origin: ${foreign.length}.

## Samples

| t (s) | heap (MB) | DOM nodes | listeners | kiosk state |
|---|---|---|---|---|
${rows.map((x) => `| ${x.t} | ${fmt(x.heapMB)} | ${x.nodes} | ${x.listeners} | ${x.state} |`).join('\n')}

## Rerun
\`\`\`sh
npm run build && npm run soak                 # 30 minutes (the figures above)
npm run build && npm run soak -- --minutes 3  # a quick check
\`\`\`
`;
  writeFileSync('docs/RELIABILITY.md', md);
  process.stdout.write(`\n${ok ? 'OK' : 'FAILED'}: heap ${fmt(heap.relPerHour * 100)} %/h, nodes ${fmt(nodes.relPerHour * 100)} %/h, listeners ${fmt(listeners.relPerHour * 100)} %/h; errors ${errors.length}; written to docs/RELIABILITY.md\n`);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
