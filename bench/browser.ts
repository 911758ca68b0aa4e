// Browser part of the bench (issue 5 c and d), in headless Chromium driven by playwright-core:
//
//   - map-ready: the production app vs a bare MapLibre page drawing the same layers
//     (bench/bare/), both served by scripts/serve.mjs (same CSP), navigation start → map ready
//     (#map[data-ready="true"]), fresh browser context (empty cache) per run, runs interleaved;
//   - first-screen JS: the built index.html's entry chunk and its modulepreload links, gzip -9,
//     MapLibre's chunk apart;
//   - rendering: 100,000 company points injected into the app's clustered `supports` source,
//     then a scripted pan / zoom sequence with frame times from requestAnimationFrame, against
//     the same sequence with the demo's points.
//
// Builds: the app is built into bench/.app-dist and the bare page into bench/.bare-dist (both
// git-ignored), when missing or older than their sources. The app is NOT measured from dist/:
// other work (e2e runs) rebuilds dist/ at any time, which would break a measurement midway.

import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { createAppServer } from '../scripts/serve.mjs';
import { generateCompanyPoints, loadLayers } from './data.ts';
import { phoneBench, type PhoneResult } from './phone.ts';

const ROOT = join(import.meta.dirname, '..');
export const APP_DIST = join(ROOT, 'bench', '.app-dist');
export const BARE_DIST = join(ROOT, 'bench', '.bare-dist');
const VIEWPORT = { width: 1280, height: 860 };
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const RENDER_POINTS = 100_000;

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

// ------------------------------------------------------------------------------------------
// Builds

function newestMtime(paths: string[]): number {
  let m = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const f of readdirSync(p)) if (f !== 'node_modules' && !f.startsWith('.')) walk(join(p, f));
    } else m = Math.max(m, st.mtimeMs);
  };
  for (const p of paths) walk(p);
  return m;
}

function ensureBuild(label: string, outDir: string, sources: string[], args: string[], log: (s: string) => void): { built: boolean; ms: number } {
  const index = join(outDir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return { built: false, ms: 0 };
  log(`  building ${label} (vite build ${args.join(' ')})…`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...args, '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build of ${label} failed:\n${r.stdout}\n${r.stderr}`);
  return { built: true, ms: performance.now() - t0 };
}

export function ensureBuilds(log: (s: string) => void) {
  const data = join(ROOT, 'public', 'data');
  const app = ensureBuild('the app', APP_DIST, [join(ROOT, 'src'), join(ROOT, 'index.html'), join(ROOT, 'vite.config.ts'), join(ROOT, 'package.json'), data], ['--outDir', APP_DIST, '--emptyOutDir'], log);
  const bare = ensureBuild('the bare MapLibre page', BARE_DIST, [join(ROOT, 'bench', 'bare'), join(ROOT, 'src', 'lib', 'map'), join(ROOT, 'package.json'), data], ['-c', join(ROOT, 'bench', 'bare', 'vite.config.ts')], log);
  return { app, bare };
}

// ------------------------------------------------------------------------------------------
// Sizes

export interface SizedFile {
  file: string;
  raw: number;
  gzip: number;
}

function sized(path: string, name: string): SizedFile {
  const buf = readFileSync(path);
  return { file: name, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

const sum = (files: SizedFile[]) => ({ raw: files.reduce((a, f) => a + f.raw, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) });

/** Entry chunk + modulepreload links of the built index.html (what the first screen executes). */
export function firstScreenJs(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) files.push(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) files.push(m[1]);
  const css: string[] = [];
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) css.push(m[1]);
  const rel = (u: string) => u.replace(/^\//, '');
  const js = files.map((u) => sized(join(dist, rel(u)), rel(u)));
  const maplibre = js.filter((f) => /(^|\/)maplibre-/.test(f.file));
  const rest = js.filter((f) => !maplibre.includes(f));
  const cssFiles = css.map((u) => sized(join(dist, rel(u)), rel(u)));
  return { files: js, maplibre: sum(maplibre), beyondMaplibre: { ...sum(rest), files: rest.map((f) => f.file) }, css: cssFiles, cssTotal: sum(cssFiles) };
}

/** Data layers drawn by the map style (src/lib/map/style.ts sources). */
export const DISPLAY_LAYERS = ['context.geojson', 'departement.geojson', 'communes.geojson', 'commune-labels.geojson', 'qpv.geojson', 'arrondissements.geojson', 'epci.geojson', 'zones-emploi.geojson'];

export function buildSizes(dist: string) {
  const groups: Record<'js' | 'css' | 'fonts' | 'other', SizedFile[]> = { js: [], css: [], fonts: [], other: [] };
  for (const f of readdirSync(join(dist, 'assets')).sort()) {
    const p = join(dist, 'assets', f);
    if (!statSync(p).isFile()) continue;
    const s = sized(p, `assets/${f}`);
    if (/\.m?js$/.test(f)) groups.js.push(s);
    else if (f.endsWith('.css')) groups.css.push(s);
    else if (/\.(woff2?|ttf|otf)$/.test(f)) groups.fonts.push(s);
    else groups.other.push(s);
  }
  const display: SizedFile[] = [];
  const otherData: SizedFile[] = [];
  const dataDir = join(dist, 'data');
  if (existsSync(dataDir)) {
    for (const f of readdirSync(dataDir).sort()) {
      const s = sized(join(dataDir, f), `data/${f}`);
      (DISPLAY_LAYERS.includes(f) ? display : otherData).push(s);
    }
  }
  return {
    groups,
    totals: Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, sum(v)])) as Record<string, { raw: number; gzip: number }>,
    displayData: { files: display, total: sum(display) },
    otherData: { files: otherData, total: sum(otherData) },
  };
}

// ------------------------------------------------------------------------------------------
// Chromium

export function chromiumPath(): string | null {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  try {
    const p = execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
    return p || null;
  } catch {
    return null;
  }
}

export function chromiumVersion(path: string): string {
  try {
    return execSync(`"${path}" --version`, { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return 'unknown';
  }
}

async function serve(root: string): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createAppServer(root);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/**
 * Injected before any page script (as a string: no transpiler helper can leak into the page).
 * Records performance.now() (= ms since navigation start) when #map gets data-ready="true";
 * also defines the `__name` helper that tsx/esbuild adds to functions passed to page.evaluate.
 */
const INIT_SCRIPT = `
globalThis.__name = globalThis.__name || ((f) => f);
(() => {
  const check = () => {
    const el = document.getElementById('map');
    if (window.__readyAt === undefined && el && el.dataset.ready === 'true') window.__readyAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
})();
`;

interface ReadyRun {
  ms: number;
  domContentLoadedMs: number;
  jsTransferBytes: number;
  load: number;
}

async function oneReadyRun(browser: Browser, url: string): Promise<ReadyRun> {
  const load = loadavg()[0];
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
  try {
    await context.addInitScript({ content: INIT_SCRIPT });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    try {
      await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, { timeout: 120_000, polling: 100 });
    } catch (e) {
      throw new Error(`map not ready at ${url}: ${(e as Error).message}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`);
    }
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      let js = 0;
      for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) if (/\.m?js(\?|$)/.test(r.name)) js += r.transferSize || r.encodedBodySize;
      return { ms: (window as unknown as { __readyAt: number }).__readyAt, domContentLoadedMs: nav?.domContentLoadedEventEnd ?? NaN, jsTransferBytes: js, load: 0 };
    }).then((r) => ({ ...r, load }));
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------------------------------
// Rendering sequence (runs in the page)

interface Step {
  kind: 'jump' | 'pan';
  center?: [number, number];
  zoom?: number;
  offset?: [number, number];
}

/** 60 steps: zoom 8 → 13 over Marseille, a loop of pans at 13, zoom 13 → 9 towards Aix. */
export function renderSteps(): Step[] {
  const steps: Step[] = [];
  const mrs: [number, number] = [5.3811, 43.2965];
  const aix: [number, number] = [5.4474, 43.5297];
  for (let k = 0; k < 20; k++) steps.push({ kind: 'jump', center: mrs, zoom: 8 + (5 * k) / 19 });
  for (let k = 0; k < 20; k++) {
    const a = (2 * Math.PI * k) / 20;
    steps.push({ kind: 'pan', offset: [Math.round(120 * Math.cos(a)), Math.round(120 * Math.sin(a))] });
  }
  for (let k = 0; k < 20; k++) {
    const t = (k + 1) / 20;
    steps.push({ kind: 'jump', center: [mrs[0] + (aix[0] - mrs[0]) * t, mrs[1] + (aix[1] - mrs[1]) * t], zoom: 13 - 4 * t });
  }
  return steps;
}

type PageMap = {
  once(e: string, f: () => void): void;
  on(e: string, f: () => void): void;
  off(e: string, f: () => void): void;
  loaded(): boolean;
  triggerRepaint(): void;
  jumpTo(o: { center?: [number, number]; zoom?: number }): void;
  panBy(o: [number, number], opts: { duration: number }): void;
  getSource(id: string): { setData(d: unknown): void; getData(): Promise<{ features: unknown[] }> } | undefined;
};

export interface SequenceResult {
  frames: number[];
  renders: number;
  sequenceMs: number;
  settleMs: number;
}

async function runSequence(page: Page, steps: Step[]): Promise<SequenceResult> {
  return page.evaluate(async (steps) => {
    const map = (window as unknown as { __map: PageMap }).__map;
    const idle = () =>
      new Promise<void>((ok) => {
        map.once('idle', () => ok());
        map.triggerRepaint();
      });
    const frame = () => new Promise<number>((ok) => requestAnimationFrame(ok));
    map.jumpTo({ center: [5.3811, 43.2965], zoom: 8 });
    await idle();
    let renders = 0;
    const onRender = () => renders++;
    map.on('render', onRender);
    const frames: number[] = [];
    await frame();
    const t0 = performance.now();
    let last = t0;
    for (const s of steps) {
      if (s.kind === 'jump') map.jumpTo({ center: s.center, zoom: s.zoom });
      else map.panBy(s.offset!, { duration: 0 });
      await frame(); // MapLibre renders in the frame that follows the camera change
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    const sequenceMs = performance.now() - t0;
    await idle();
    const settleMs = performance.now() - t0 - sequenceMs;
    map.off('render', onRender);
    return { frames, renders, sequenceMs, settleMs };
  }, steps);
}

function frameStats(frames: number[]) {
  return {
    frames: frames.length,
    medianMs: median(frames),
    p95Ms: quantile(frames, 0.95),
    maxMs: Math.max(...frames),
    over50: frames.filter((f) => f > 50).length,
  };
}

export type FrameStats = ReturnType<typeof frameStats>;

async function renderBench(browser: Browser, url: string, log: (s: string) => void) {
  const layers = loadLayers();
  const pts = Array.from(generateCompanyPoints(RENDER_POINTS, layers.index));
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
  try {
    await context.addInitScript({ content: INIT_SCRIPT });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, { timeout: 120_000, polling: 100 });
    // The demo's points arrive right after the map is ready: wait for the clustered source.
    await page.waitForFunction(() => !!(window as unknown as { __map: PageMap }).__map.getSource('supports'), undefined, { timeout: 60_000, polling: 100 });
    const baselinePoints = await page.evaluate(async () => {
      const map = (window as unknown as { __map: PageMap }).__map;
      await new Promise<void>((ok) => {
        map.once('idle', () => ok());
        map.triggerRepaint();
      });
      return (await map.getSource('supports')!.getData()).features.length;
    });
    const steps = renderSteps();
    log(`  rendering: warm-up sequence (${baselinePoints} demo points)…`);
    await runSequence(page, steps); // base layers' tiles and shaders, JIT
    const loadBase = loadavg()[0];
    const base = await runSequence(page, steps);
    log(`  rendering: baseline median frame ${median(base.frames).toFixed(1)} ms; injecting ${RENDER_POINTS.toLocaleString('en')} points…`);
    const loadInject = loadavg()[0];
    const inject = await page.evaluate(async (pts) => {
      const map = (window as unknown as { __map: PageMap }).__map;
      const funds = ['AMPA', 'Airbus Développement', 'Adie', 'Fonds A', 'Fonds B', 'Fonds C'];
      const n = pts.length >> 1;
      const features = new Array(n);
      for (let i = 0; i < n; i++) {
        features[i] = {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [pts[2 * i], pts[2 * i + 1]] },
          properties: { id: `bench-${i}`, fund: funds[i % funds.length], jobs: (i * 7919) % 21 },
        };
      }
      const fc = { type: 'FeatureCollection', features };
      map.jumpTo({ center: [5.3811, 43.2965], zoom: 8 });
      await new Promise<void>((ok) => {
        map.once('idle', () => ok());
        map.triggerRepaint();
      });
      const frames: number[] = [];
      let running = true;
      let last = performance.now();
      const tick = (now: number) => {
        frames.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const t0 = performance.now();
      map.getSource('supports')!.setData(fc);
      const setDataCallMs = performance.now() - t0;
      await new Promise<void>((ok) => map.once('idle', () => ok()));
      const idleMs = performance.now() - t0;
      running = false;
      const count = (await map.getSource('supports')!.getData()).features.length;
      return { setDataCallMs, idleMs, frames, count };
    }, pts);
    if (inject.count !== RENDER_POINTS) throw new Error(`supports source holds ${inject.count} points after setData, ${RENDER_POINTS} expected`);
    log(`  rendering: first idle ${inject.idleMs.toFixed(0)} ms after setData; sequence with ${RENDER_POINTS.toLocaleString('en')} points…`);
    const loadBig = loadavg()[0];
    const big = await runSequence(page, steps);
    const summarise = (s: SequenceResult, load: number) => ({ ...frameStats(s.frames), renders: s.renders, sequenceMs: s.sequenceMs, settleMs: s.settleMs, load });
    return {
      steps: steps.length,
      baseline: { points: baselinePoints, ...summarise(base, loadBase) },
      points100k: { points: RENDER_POINTS, ...summarise(big, loadBig) },
      setData: { points: RENDER_POINTS, callMs: inject.setDataCallMs, firstIdleMs: inject.idleMs, framesDuring: frameStats(inject.frames), load: loadInject },
      rawFrames: { baseline: base.frames, points100k: big.frames },
    };
  } finally {
    await context.close();
  }
}

export type RenderResult = Awaited<ReturnType<typeof renderBench>>;

// ------------------------------------------------------------------------------------------

export interface MapReadyResult {
  appMs: number;
  bareMs: number;
  ratio: number;
  runs: number;
  appRuns: ReadyRun[];
  bareRuns: ReadyRun[];
}

export interface BrowserBench {
  chromium: string;
  builds: ReturnType<typeof ensureBuilds>;
  bundle: ReturnType<typeof firstScreenJs> & { bare: ReturnType<typeof firstScreenJs> };
  sizes: ReturnType<typeof buildSizes>;
  mapReady: MapReadyResult;
  render: RenderResult;
  /** A commune link on a throttled phone (bench/phone.ts). */
  phone: PhoneResult;
}

export async function runBrowserBench(opts: { runs: number; log: (s: string) => void; waitQuiet: (what: string) => Promise<number> }): Promise<BrowserBench | { skipped: string }> {
  const { log } = opts;
  const exe = chromiumPath();
  if (!exe) return { skipped: 'Chromium not found (set CHROMIUM_PATH or install the Debian "chromium" package, see scripts/ensure-chromium.sh): browser benchmarks skipped.' };
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch {
    return { skipped: 'playwright-core not installed: browser benchmarks skipped.' };
  }
  const builds = ensureBuilds(log);
  const bundle = { ...firstScreenJs(APP_DIST), bare: firstScreenJs(BARE_DIST) };
  const sizes = buildSizes(APP_DIST);
  const app = await serve(APP_DIST);
  const bare = await serve(BARE_DIST);
  const browser = await pw.chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    const version = browser.version();
    // One unmeasured load of each page (Chromium's own first-use costs: shader compiler, fonts).
    await oneReadyRun(browser, app.baseUrl);
    await oneReadyRun(browser, bare.baseUrl);
    const appRuns: ReadyRun[] = [];
    const bareRuns: ReadyRun[] = [];
    for (let k = 0; k < opts.runs; k++) {
      await opts.waitQuiet(`map-ready run ${k + 1}/${opts.runs}`);
      // Alternate the order so that a drift of the machine's load hits both pages alike.
      const first = k % 2 === 0 ? 'app' : 'bare';
      for (const which of [first, first === 'app' ? 'bare' : 'app']) {
        const r = await oneReadyRun(browser, which === 'app' ? app.baseUrl : bare.baseUrl);
        (which === 'app' ? appRuns : bareRuns).push(r);
      }
      log(`  map-ready run ${k + 1}: app ${appRuns[k].ms.toFixed(0)} ms, bare ${bareRuns[k].ms.toFixed(0)} ms (load ${appRuns[k].load.toFixed(2)})`);
    }
    const appMs = median(appRuns.map((r) => r.ms));
    const bareMs = median(bareRuns.map((r) => r.ms));
    await opts.waitQuiet('rendering benchmark');
    const render = await renderBench(browser, app.baseUrl, log);
    await opts.waitQuiet('phone scenario');
    const phone = await phoneBench(browser, APP_DIST, log);
    return {
      phone,
      chromium: version,
      builds,
      bundle,
      sizes,
      mapReady: { appMs, bareMs, ratio: appMs / bareMs, runs: opts.runs, appRuns, bareRuns },
      render,
    };
  } finally {
    await browser.close();
    await app.close();
    await bare.close();
  }
}
