// Kiosk soak test (`npm run soak -- [--minutes 30] [--sample 30]`): runs the production kiosk in
// headless Chromium with an accelerated attract loop and random touches, samples the JS heap, DOM
// nodes and event listeners after a forced garbage collection, forces a WebGL context loss half-way,
// and writes the figures and a verdict to docs/RELIABILITY.md. Not part of `npm test`.

import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
// Build folder to serve (default dist/); a copy of its own keeps the soak safe from rebuilds.
const DIST = (() => {
  const i = process.argv.indexOf('--dist');
  return resolve(i >= 0 ? process.argv[i + 1] : 'dist');
})();

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
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} manque : lancez \`npm run build\` avant \`npm run soak\`.`);
  const server = createAppServer(DIST);
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

  report({ minutes: MINUTES, sampleS: SAMPLE_S, samples, contextLoss, touches, errors, foreign });
}

interface SoakRecord {
  minutes: number;
  sampleS: number;
  samples: Sample[];
  contextLoss: { at: number; recovered: boolean; ms: number } | null;
  touches: number;
  errors: string[];
  foreign: string[];
}

/** Writes the raw samples and docs/RELIABILITY.md; exits 0 when flat and error-free. */
function report(rec: SoakRecord): never {
  const { samples, contextLoss, errors, foreign, touches } = rec;
  const MINUTES = rec.minutes;
  const SAMPLE_S = rec.sampleS;
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/soak-samples.json', JSON.stringify(rec, null, 1));
  // Trends are measured on steady windows: after a 2-minute warm-up, and apart from the 2 minutes
  // that follow the forced context loss (the map and its caches are rebuilt then: a one-off step).
  const WARMUP = 120;
  const lossAt = contextLoss?.at ?? Infinity;
  const windows = [
    samples.filter((x) => x.t >= WARMUP && x.t < lossAt),
    samples.filter((x) => x.t >= lossAt + WARMUP),
  ].filter((w) => w.length >= 4);
  const trend = (key: 'heapMB' | 'nodes' | 'listeners') => {
    // The worst of the windows.
    let worst = { mean: 0, perHour: 0, relPerHour: -Infinity };
    for (const w of windows) {
      const pts = w.map((x) => ({ t: x.t, y: x[key] }));
      const mean = pts.reduce((a, p) => a + p.y, 0) / pts.length;
      const perHour = slope(pts) * 3600;
      const rel = mean ? perHour / mean : 0;
      if (rel > worst.relPerHour) worst = { mean, perHour, relPerHour: rel };
    }
    return windows.length ? worst : { mean: 0, perHour: 0, relPerHour: 0 };
  };
  const perWindow = windows.map((w, i) => {
    const pts = (key: 'heapMB' | 'listeners') => w.map((x) => ({ t: x.t, y: x[key] }));
    const rel = (key: 'heapMB' | 'listeners') => {
      const mean = w.reduce((a, x) => a + x[key], 0) / w.length;
      return (slope(pts(key)) * 3600) / mean;
    };
    return `${i === 0 && contextLoss ? 'before the context loss' : contextLoss ? 'after the context loss' : 'whole run'} (${w[0].t}–${w.at(-1)!.t} s): heap ${(rel('heapMB') * 100).toFixed(1)} %/h, listeners ${(rel('listeners') * 100).toFixed(1)} %/h`;
  });
  const heap = trend('heapMB');
  const nodes = trend('nodes');
  const listeners = trend('listeners');
  const step =
    contextLoss && windows.length === 2
      ? windows[1].reduce((a, x) => a + x.heapMB, 0) / windows[1].length - windows[0].reduce((a, x) => a + x.heapMB, 0) / windows[0].length
      : null;
  // "Flat": less than 10 % growth per hour in every steady window.
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
- Verdict: in each steady window (after a 2-minute warm-up, before the context loss, and from 2 minutes after it), the
  least-squares trend must stay under 10 % growth per hour for each measure, with no page error, no request outside the
  origin and the context loss recovered. The table gives the worst window.

## Result: ${ok ? '**flat, no error**' : '**FAILED**'}

| measure | mean (worst window) | trend per hour | relative |
|---|---|---|---|
| JS heap (MB) | ${fmt(heap.mean)} | ${fmt(heap.perHour, 2)} | ${fmt(heap.relPerHour * 100)} % |
| DOM nodes | ${fmt(nodes.mean, 0)} | ${fmt(nodes.perHour, 1)} | ${fmt(nodes.relPerHour * 100)} % |
| event listeners | ${fmt(listeners.mean, 0)} | ${fmt(listeners.perHour, 1)} | ${fmt(listeners.relPerHour * 100)} % |

- Duration: ${MINUTES} min, ${samples.length} samples, ${touches} simulated touches.
- Steady windows: ${perWindow.join('; ')}.
- WebGL context loss: ${contextLoss ? `at ${contextLoss.at} s, ${contextLoss.recovered ? `recovered in ${fmt(contextLoss.ms / 1000)} s` : 'NOT recovered'}` : 'not reached'}.${step !== null ? ` After the rebuild, the mean heap is ${fmt(step)} MB ${step >= 0 ? 'above' : 'below'} that of the first map.` : ''}
- Page errors: ${errors.length}${errors.length ? ` (first: ${errors[0].slice(0, 160)})` : ''}. Requests outside the origin: ${foreign.length}.

## Samples

| t (s) | heap (MB) | DOM nodes | listeners | kiosk state |
|---|---|---|---|---|
${rows.map((x) => `| ${x.t} | ${fmt(x.heapMB)} | ${x.nodes} | ${x.listeners} | ${x.state} |`).join('\n')}

## Rerun
\`\`\`sh
npm run build && npm run soak                 # 30 minutes (the figures above)
npm run build && npm run soak -- --minutes 3  # a quick check
npm run soak -- --analyse test-results/soak-samples.json   # recompute this page from recorded samples
\`\`\`
`;
  writeFileSync('docs/RELIABILITY.md', md);
  process.stdout.write(`\n${ok ? 'OK' : 'FAILED'}: heap ${fmt(heap.relPerHour * 100)} %/h, nodes ${fmt(nodes.relPerHour * 100)} %/h, listeners ${fmt(listeners.relPerHour * 100)} %/h; errors ${errors.length}; written to docs/RELIABILITY.md\n`);
  process.exit(ok ? 0 : 1);
}

const analyseAt = process.argv.indexOf('--analyse');
(analyseAt >= 0 ? Promise.resolve(report(JSON.parse(readFileSync(process.argv[analyseAt + 1], 'utf8')) as SoakRecord)) : main()).catch((e) => {
  console.error(e);
  process.exit(2);
});
