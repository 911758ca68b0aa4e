// Phone scenario of the bench (issue 16): an elected official opens a commune link on a mid-range
// phone. 390×844 touch screen, CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), 9 Mb/s and
// 150 ms round trip (CDP Network.emulateNetworkConditions), fresh context (cold cache) per run,
// median of 3, on the « fiche commune » of Istres (#/commune/13047):
//   - LCP: the last largest-contentful-paint entry;
//   - figures: the commune's key figures are on screen (#profile-comparison td[data-figure=jobs]);
//   - map ready: #map[data-ready=true] (drawn behind the « Fiche » view on a phone);
//   - transferred: bytes the server wrote on the sockets of the run, headers included, once the
//     network is idle (the map worker's requests too, which the page's resource timing misses).
//
//   npm run bench -- --phone     runs only this scenario and updates its section of docs/PERFORMANCE.md

import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createAppServer } from '../scripts/serve.mjs';

export const PHONE = {
  viewport: { width: 390, height: 844 },
  cpuSlowdown: 4,
  downloadBitsPerSecond: 9_000_000,
  uploadBitsPerSecond: 3_000_000,
  rttMs: 150,
  path: '#/commune/13047',
  runs: 3,
};
export const PHONE_BUDGETS = { lcpMs: 2500, figuresMs: 3000, mapReadyMs: 6000, transferredBytes: 900 * 1024 };

export interface PhoneRun {
  lcpMs: number;
  figuresMs: number;
  mapReadyMs: number;
  transferredBytes: number;
  requests: number;
}
export interface PhoneResult {
  runs: PhoneRun[];
  median: PhoneRun;
  met: Record<keyof typeof PHONE_BUDGETS, boolean>;
  date: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Recorded in the page from navigation start: LCP entries, figures on screen, map ready. */
const INIT = `
globalThis.__name = globalThis.__name || ((f) => f);
(() => {
  window.__lcp = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  const check = () => {
    const now = performance.now();
    const map = document.getElementById('map');
    if (window.__mapAt === undefined && map && map.dataset.ready === 'true') window.__mapAt = now;
    const fig = document.querySelector('#profile-comparison td[data-figure="jobs"]');
    if (window.__figuresAt === undefined && fig && fig.textContent.trim()) {
      const r = fig.getBoundingClientRect();
      if (r.height > 0 && r.bottom <= innerHeight) window.__figuresAt = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
`;

async function countingServer(root: string) {
  const server = createAppServer(root);
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => {
      closedBytes += s.bytesWritten;
      sockets.delete(s);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    reset: () => {
      closedBytes = 0;
      for (const s of sockets) s.destroy();
    },
    bytes: () => closedBytes + [...sockets].reduce((n, s) => n + s.bytesWritten, 0),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

async function oneRun(browser: Browser, server: Awaited<ReturnType<typeof countingServer>>): Promise<PhoneRun> {
  const context = await browser.newContext({ viewport: PHONE.viewport, hasTouch: true, isMobile: true, locale: 'fr-FR' });
  try {
    await context.addInitScript({ content: INIT });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.rttMs,
      downloadThroughput: PHONE.downloadBitsPerSecond / 8,
      uploadThroughput: PHONE.uploadBitsPerSecond / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    let requests = 0;
    page.on('request', () => requests++);
    server.reset();
    await page.goto(server.baseUrl + PHONE.path);
    await page.waitForFunction(() => (window as any).__mapAt !== undefined && (window as any).__figuresAt !== undefined, undefined, { timeout: 120_000, polling: 200 });
    await page.waitForLoadState('networkidle');
    const t = await page.evaluate(() => ({ lcp: (window as any).__lcp as number, fig: (window as any).__figuresAt as number, map: (window as any).__mapAt as number }));
    return { lcpMs: t.lcp, figuresMs: t.fig, mapReadyMs: t.map, transferredBytes: server.bytes(), requests };
  } finally {
    await context.close();
  }
}

export async function phoneBench(browser: Browser, dist: string, log: (s: string) => void): Promise<PhoneResult> {
  const server = await countingServer(dist);
  try {
    const runs: PhoneRun[] = [];
    for (let k = 0; k < PHONE.runs; k++) {
      const r = await oneRun(browser, server);
      runs.push(r);
      log(`  phone run ${k + 1}: LCP ${r.lcpMs.toFixed(0)} ms, figures ${r.figuresMs.toFixed(0)} ms, map ready ${r.mapReadyMs.toFixed(0)} ms, ${(r.transferredBytes / 1024).toFixed(0)} KB in ${r.requests} requests`);
    }
    const m: PhoneRun = {
      lcpMs: median(runs.map((r) => r.lcpMs)),
      figuresMs: median(runs.map((r) => r.figuresMs)),
      mapReadyMs: median(runs.map((r) => r.mapReadyMs)),
      transferredBytes: median(runs.map((r) => r.transferredBytes)),
      requests: median(runs.map((r) => r.requests)),
    };
    return {
      runs,
      median: m,
      met: {
        lcpMs: m.lcpMs <= PHONE_BUDGETS.lcpMs,
        figuresMs: m.figuresMs <= PHONE_BUDGETS.figuresMs,
        mapReadyMs: m.mapReadyMs <= PHONE_BUDGETS.mapReadyMs,
        transferredBytes: m.transferredBytes <= PHONE_BUDGETS.transferredBytes,
      },
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    };
  } finally {
    await server.close();
  }
}

const START = '<!-- phone-bench:start -->';
const END = '<!-- phone-bench:end -->';

export function phoneMarkdown(r: PhoneResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const kb = (b: number) => `${Math.round(b / 1024)} KB`;
  const ok = (met: boolean) => (met ? 'met' : '**not met**');
  const rows = [
    ['Largest contentful paint', s(r.median.lcpMs), '≤ 2.5 s', ok(r.met.lcpMs), r.runs.map((x) => s(x.lcpMs)).join(', ')],
    ['Commune figures on screen', s(r.median.figuresMs), '≤ 3 s', ok(r.met.figuresMs), r.runs.map((x) => s(x.figuresMs)).join(', ')],
    ['Map ready', s(r.median.mapReadyMs), '≤ 6 s', ok(r.met.mapReadyMs), r.runs.map((x) => s(x.mapReadyMs)).join(', ')],
    ['Transferred', kb(r.median.transferredBytes), '≤ 900 KB', ok(r.met.transferredBytes), r.runs.map((x) => kb(x.transferredBytes)).join(', ')],
  ];
  return [
    START,
    '## Phone: a commune link on a mid-range phone',
    '',
    `Istres profile (\`${PHONE.path}\`), ${PHONE.viewport.width}×${PHONE.viewport.height} touch screen, CPU slowed ${PHONE.cpuSlowdown}× ` +
      `(CDP \`Emulation.setCPUThrottlingRate\`), ${PHONE.downloadBitsPerSecond / 1e6} Mb/s down and ${PHONE.rttMs} ms round trip ` +
      `(CDP \`Network.emulateNetworkConditions\`), fresh browser context (cold cache) per run, median of ${r.runs.length}, ` +
      `served by scripts/serve.mjs (precompressed copies; Chromium asks for gzip over plain HTTP). Bytes are counted on the ` +
      `server's sockets (headers included, the map worker's requests too). Measured ${r.date} (\`npm run bench -- --phone\`).`,
    '',
    '| measure | median | budget | | runs |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    'Before this work (issue 16): LCP 4.0–4.2 s, figures 5.2–5.6 s, map ready 9.2–9.6 s, 2.58 MB transferred.',
    END,
  ].join('\n');
}

/** Replaces (or appends) the phone section of docs/PERFORMANCE.md. */
export function writePhoneSection(root: string, r: PhoneResult): void {
  const path = join(root, 'docs', 'PERFORMANCE.md');
  let md = '';
  try {
    md = readFileSync(path, 'utf8');
  } catch {
    /* first report */
  }
  const section = phoneMarkdown(r);
  const a = md.indexOf(START);
  const b = md.indexOf(END);
  md = a >= 0 && b > a ? md.slice(0, a) + section + md.slice(b + END.length) : `${md.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, md);
}

/** The section kept from the current report, for a full bench run that does not measure it again. */
export function currentPhoneSection(root: string): string | null {
  try {
    const md = readFileSync(join(root, 'docs', 'PERFORMANCE.md'), 'utf8');
    const a = md.indexOf(START);
    const b = md.indexOf(END);
    return a >= 0 && b > a ? md.slice(a, b + END.length) : null;
  } catch {
    return null;
  }
}
