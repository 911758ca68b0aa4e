// Performance bench (issue 5).  npm run bench   |   npm run --silent bench -- --json
//
// Every measurement runs in its own child process (same tsx loader, --expose-gc), so that peak
// memory (maxRSS) is per method and one method's garbage does not slow the next one. Each child
// also checks its answers against the engine (and the engine child against the turf reference
// locator); any difference makes the bench fail.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate } from '../src/lib/analysis/aggregate.ts';
import { AggregationEngine, createEngineLocator, type LocateManyResult } from '../src/lib/analysis/engine/engine.ts';
import { createTurfLocator } from '../src/lib/analysis/locate-turf.ts';
import { decodeText } from '../src/lib/import/decode.ts';
import { parseCsv } from '../src/lib/import/csv.ts';
import { importFile } from '../src/lib/import/pipeline.ts';
import { aggregateReference } from './aggregate-reference.ts';
import { runBrowserBench, chromiumVersion, chromiumPath, ensureBuilds, APP_DIST, CHROMIUM_ARGS } from './browser.ts';
import { phoneBench, phoneMarkdown, writePhoneSection } from './phone.ts';
import { generateCsv, generatePoints, loadLayers } from './data.ts';
import { comparePip, makeFlatbushTurf, naiveTurf, polygonsInOrder, toFeatureCollection } from './methods.ts';
import { writeReport, type BenchReport } from './report.ts';

const SIZES = [10_000, 100_000, 1_000_000];
/** Above this, the naive method runs on an even sample of this many points and is extrapolated. */
const NAIVE_MAX = 100_000;
const CSV_ROWS = 100_000;
const REFERENCE_SAMPLE = 2_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mem = () => process.memoryUsage();

interface ChildMemory {
  /** RSS right before the measured method (layers and points already loaded). */
  rssBefore: number;
  /** Peak RSS of the whole child process (maxRSS). */
  peakRss: number;
  /** heapUsed growth during the measured runs (after a GC before). */
  heapDelta: number;
}

function memoryAfter(rssBefore: number, heapBefore: number): ChildMemory {
  return { rssBefore, peakRss: process.resourceUsage().maxRSS * 1024, heapDelta: mem().heapUsed - heapBefore };
}

// ------------------------------------------------------------------------------------------
// Child processes

function childNaive(n: number) {
  const load = loadavg()[0];
  const layers = loadLayers();
  const all = generatePoints(n, layers.index);
  const sampled = n > NAIVE_MAX;
  const m = sampled ? NAIVE_MAX : n;
  const pick = new Int32Array(m);
  const pts = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    const i = sampled ? Math.floor((k * n) / m) : k;
    pick[k] = i;
    pts[2 * k] = all[2 * i];
    pts[2 * k + 1] = all[2 * i + 1];
  }
  const polys = polygonsInOrder(layers);
  gc();
  const rssBefore = mem().rss;
  const heapBefore = mem().heapUsed;
  const t0 = performance.now();
  const fc = toFeatureCollection(pts);
  const fcMs = performance.now() - t0;
  const out = naiveTurf(fc, polys);
  const memory = memoryAfter(rssBefore, heapBefore);
  const engine = new AggregationEngine(layers.communes, layers.arrondissements, layers.qpv);
  const check = comparePip(out, engine.locateMany(all), pick);
  return { method: 'naive', n, ranPoints: m, sampled, ms: out.ms, msExtrapolated: (out.ms * n) / m, fcMs, memory, check, load };
}

function childFlatbush(n: number) {
  const load = loadavg()[0];
  const layers = loadLayers();
  const pts = generatePoints(n, layers.index);
  const polys = polygonsInOrder(layers);
  gc();
  const rssBefore = mem().rss;
  const heapBefore = mem().heapUsed;
  const t0 = performance.now();
  const run = makeFlatbushTurf(polys);
  const buildMs = performance.now() - t0;
  const runs = n >= 1_000_000 ? 3 : 5;
  run(pts); // warm-up
  const times: number[] = [];
  let out = run(pts);
  times.push(out.ms);
  for (let k = 1; k < runs; k++) {
    out = run(pts);
    times.push(out.ms);
  }
  const memory = memoryAfter(rssBefore, heapBefore);
  const engine = new AggregationEngine(layers.communes, layers.arrondissements, layers.qpv);
  const check = comparePip(out, engine.locateMany(pts));
  return { method: 'flatbush-turf', n, ms: median(times), times, buildMs, memory, check, load };
}

function childEngine(n: number) {
  const load = loadavg()[0];
  const layers = loadLayers();
  const pts = generatePoints(n, layers.index);
  gc();
  const rssBefore = mem().rss;
  const heapBefore = mem().heapUsed;
  let t0 = performance.now();
  const engine = new AggregationEngine(layers.communes, layers.arrondissements, layers.qpv);
  const buildMs = performance.now() - t0;
  t0 = performance.now();
  let res = engine.locateMany(pts); // cold: first run, lazy cells classified here
  const coldMs = performance.now() - t0;
  // Reported figure: output buffers allocated once and reused, as a long-lived engine can (the
  // realistic case: one engine, repeated aggregations of same-sized point sets).
  const out: LocateManyResult = { commune: new Int32Array(n), arrondissement: new Int32Array(n), qpv: new Int32Array(n), snapped: new Uint8Array(n) };
  engine.locateInto(pts, 0, n, out); // warm-up
  const times: number[] = [];
  for (let k = 0; k < 11; k++) {
    t0 = performance.now();
    engine.locateInto(pts, 0, n, out);
    times.push(performance.now() - t0);
  }
  // Same with fresh output arrays per call (locateMany): allocation and GC included.
  const allocTimes: number[] = [];
  for (let k = 0; k < 7; k++) {
    t0 = performance.now();
    res = engine.locateMany(pts);
    allocTimes.push(performance.now() - t0);
  }
  for (let i = 0; i < n; i++) {
    if (out.commune[i] !== res.commune[i] || out.arrondissement[i] !== res.arrondissement[i] || out.qpv[i] !== res.qpv[i] || out.snapped[i] !== res.snapped[i]) {
      throw new Error(`locateInto and locateMany differ at point ${i}`);
    }
  }
  const weights = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    weights[2 * i] = i % 7;
    weights[2 * i + 1] = 1000 + (i % 101) * 10;
  }
  t0 = performance.now();
  const counts = engine.countByTerritory(res, weights);
  const countMs = performance.now() - t0;
  const memory = memoryAfter(rssBefore, heapBefore);

  // Against the turf reference locator: an even sample plus snapped points.
  const ref = createTurfLocator(layers.communes, layers.arrondissements, layers.qpv);
  const idx: number[] = [];
  for (let k = 0; k < Math.min(n, REFERENCE_SAMPLE); k++) idx.push(Math.floor((k * n) / Math.min(n, REFERENCE_SAMPLE)));
  let extra = 0;
  for (let i = 0; i < n && extra < 500; i += 7) if (res.snapped[i] || res.arrondissement[i] >= 0) (idx.push(i), extra++);
  let refMismatches = 0;
  const firstRef: string[] = [];
  for (const i of idx) {
    const r = ref.locate([pts[2 * i], pts[2 * i + 1]]);
    const e = {
      communeCode: res.commune[i] >= 0 ? engine.communeCodes[res.commune[i]] : null,
      arrondissementCode: res.arrondissement[i] >= 0 ? engine.arrondissementCodes[res.arrondissement[i]] : null,
      qpvCode: res.qpv[i] >= 0 ? engine.qpvCodes[res.qpv[i]] : null,
      snapped: res.snapped[i] === 1,
    };
    if (r.communeCode !== e.communeCode || r.arrondissementCode !== e.arrondissementCode || r.qpvCode !== e.qpvCode || r.snapped !== e.snapped) {
      refMismatches++;
      if (firstRef.length < 5) firstRef.push(`point ${i} (${pts[2 * i]}, ${pts[2 * i + 1]}): ${JSON.stringify(r)} vs ${JSON.stringify(e)}`);
    }
  }
  let inCommune = 0;
  let inQpv = 0;
  for (let i = 0; i < n; i++) {
    if (res.commune[i] >= 0 && !res.snapped[i]) inCommune++;
    if (res.qpv[i] >= 0) inQpv++;
  }
  return {
    method: 'engine',
    n,
    ms: median(times),
    minMs: Math.min(...times),
    times,
    allocMs: median(allocTimes),
    allocTimes,
    load,
    coldMs,
    buildMs,
    countMs,
    snapped: counts.snapped,
    shares: { inCommune: inCommune / n, snapped: counts.snapped / n, inQpv: inQpv / n, outside: counts.outside.count[0] / n },
    stats: engine.stats(),
    memory,
    reference: { checked: idx.length, mismatches: refMismatches, first: firstRef },
  };
}

function childImport() {
  const load = loadavg()[0];
  const layers = loadLayers();
  const csv = generateCsv(CSV_ROWS, layers.index);
  const dir = mkdtempSync(join(tmpdir(), 'bench-csv-'));
  const file = join(dir, 'fonds-revitalisation.csv');
  writeFileSync(file, csv, 'utf8');
  const bytes = new Uint8Array(readFileSync(file));
  rmSync(dir, { recursive: true, force: true });
  const now = new Date('2025-06-30T12:00:00Z');
  let t0 = performance.now();
  const locator = createEngineLocator(layers.communes, layers.arrondissements, layers.qpv);
  const locatorBuildMs = performance.now() - t0;

  const parseTimes: number[] = [];
  const importTimes: number[] = [];
  const aggTimes: number[] = [];
  const refAggTimes: number[] = [];
  let rows = 0;
  let valid = 0;
  let records = 0;
  let sameAggregate = true;
  const runs = 5;
  for (let k = 0; k < runs + 1; k++) {
    gc();
    t0 = performance.now();
    const parsed = parseCsv(decodeText(bytes).text);
    const parseMs = performance.now() - t0;
    records = parsed.records.length;
    gc();
    t0 = performance.now();
    const r = importFile(bytes, 'fonds-revitalisation.csv', { index: layers.index, locator, now });
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const agg = aggregate(r.dataset.supports, r.dataset.layoffs, layers.index);
    const aggMs = performance.now() - t0;
    gc();
    t0 = performance.now();
    const ref = aggregateReference(r.dataset.supports, r.dataset.layoffs, layers.index);
    const refMs = performance.now() - t0;
    if (k === 0) sameAggregate = JSON.stringify(agg) === JSON.stringify(ref);
    rows = r.rows;
    valid = r.valid;
    if (k > 0) {
      parseTimes.push(parseMs);
      importTimes.push(importMs);
      aggTimes.push(aggMs);
      refAggTimes.push(refMs);
    }
  }
  // Same import with the turf reference locator on the first 3,000 rows: identical result.
  const head = csv.split('\r\n').slice(0, 3001).join('\r\n') + '\r\n';
  const hb = new TextEncoder().encode(head);
  const a = importFile(hb, 'head.csv', { index: layers.index, locator, now });
  const b = importFile(hb, 'head.csv', { index: layers.index, locator: createTurfLocator(layers.communes, layers.arrondissements, layers.qpv), now });
  const sameAsTurf = JSON.stringify(a) === JSON.stringify(b);
  const pipeTimes = importTimes.map((x, i) => x + aggTimes[i]);
  return {
    method: 'import',
    rows,
    records,
    valid,
    bytes: bytes.length,
    parseMs: median(parseTimes),
    importFileMs: median(importTimes),
    aggregateMs: median(aggTimes),
    aggregateReferenceMs: median(refAggTimes),
    pipelineMs: median(pipeTimes),
    parseTimes,
    importTimes,
    aggTimes,
    pipeTimes,
    locatorBuildMs,
    sameAsTurf,
    sameAggregate,
    load,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

// ------------------------------------------------------------------------------------------
// Parent

function runChild(args: string[]): Record<string, unknown> {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', '--max-old-space-size=8192', self, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

/** Max seconds to wait, before each measurement, for the 1-minute load to drop below QUIET_LOAD. */
const QUIET_WAIT_S = Number(process.env.BENCH_QUIET_WAIT_S ?? 30);
/** Max seconds of such waiting over the whole bench. */
const QUIET_BUDGET_S = Number(process.env.BENCH_QUIET_BUDGET_S ?? 240);
const QUIET_LOAD = 1.5;
const READY_RUNS = Number(process.env.BENCH_READY_RUNS ?? 7);

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [, kind, nRaw] = argv;
    const n = Number(nRaw);
    const out = kind === 'naive' ? childNaive(n) : kind === 'flatbush' ? childFlatbush(n) : kind === 'engine' ? childEngine(n) : childImport();
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  if (argv.includes('--phone')) {
    await runPhoneOnly();
    return;
  }
  const json = argv.includes('--json');
  const noBrowser = argv.includes('--no-browser');
  const log = (s: string) => {
    if (!json) process.stderr.write(s + '\n');
  };
  let quietLeft = QUIET_BUDGET_S * 1000;
  /** Waits (bounded) for a quiet machine; returns the 1-minute load when the measure starts. */
  const waitQuiet = async (what: string): Promise<number> => {
    const t0 = Date.now();
    let l = loadavg()[0];
    while (l >= QUIET_LOAD && Date.now() - t0 < QUIET_WAIT_S * 1000 && quietLeft > 0) {
      await new Promise((ok) => setTimeout(ok, 3000));
      quietLeft -= 3000;
      l = loadavg()[0];
    }
    if (l >= QUIET_LOAD) log(`  (load ${l.toFixed(2)} ≥ ${QUIET_LOAD} before ${what}: measuring anyway)`);
    return l;
  };
  const loadBefore = loadavg()[0];
  const layers = loadLayers();
  const polygons = polygonsInOrder(layers);
  const nPolygons = polygons.communes.length + polygons.qpv.length;
  const failures: string[] = [];
  const aggregation: BenchReport['aggregation'] = [];
  for (const n of SIZES) {
    log(`${n.toLocaleString('en')} points: naive turf…`);
    await waitQuiet(`naive ${n}`);
    const naive = runChild(['naive', String(n)]) as ReturnType<typeof childNaive>;
    log(`  naive ${naive.ms.toFixed(0)} ms on ${naive.ranPoints} points${naive.sampled ? ` → extrapolated ${naive.msExtrapolated.toFixed(0)} ms` : ''} (load ${naive.load.toFixed(2)}); flatbush + turf…`);
    await waitQuiet(`flatbush ${n}`);
    const fb = runChild(['flatbush', String(n)]) as ReturnType<typeof childFlatbush>;
    log(`  flatbush+turf ${fb.ms.toFixed(1)} ms (load ${fb.load.toFixed(2)}); engine…`);
    await waitQuiet(`engine ${n}`);
    const eng = runChild(['engine', String(n)]) as ReturnType<typeof childEngine>;
    log(`  engine ${eng.ms.toFixed(1)} ms with reused buffers, ${eng.allocMs.toFixed(1)} ms allocating (cold ${eng.coldMs.toFixed(1)} ms, build ${eng.buildMs.toFixed(1)} ms, load ${eng.load.toFixed(2)})`);
    if (naive.check.mismatches > 0 || !naive.check.countsEqual) failures.push(`naive vs engine, ${n} points: ${naive.check.mismatches} mismatches ${naive.check.first.join('; ')}`);
    if (fb.check.mismatches > 0 || !fb.check.countsEqual) failures.push(`flatbush+turf vs engine, ${n} points: ${fb.check.mismatches} mismatches ${fb.check.first.join('; ')}`);
    if (eng.reference.mismatches > 0) failures.push(`engine vs turf reference locator, ${n} points: ${eng.reference.mismatches} mismatches ${eng.reference.first.join('; ')}`);
    aggregation.push({
      points: n,
      polygons: nPolygons,
      baselineMs: naive.msExtrapolated,
      baselineSampled: naive.sampled,
      baselineRanPoints: naive.ranPoints,
      baselineMeasuredMs: naive.ms,
      naiveFeatureCollectionMs: naive.fcMs,
      flatbushTurfMs: fb.ms,
      engineMs: eng.ms,
      engineMinMs: eng.minMs,
      engineAllocatingMs: eng.allocMs,
      engineColdMs: eng.coldMs,
      engineBuildMs: eng.buildMs,
      countByTerritoryMs: eng.countMs,
      ratio: naive.msExtrapolated / eng.ms,
      flatbushTurfRatio: naive.msExtrapolated / fb.ms,
      engineVsFlatbushTurf: fb.ms / eng.ms,
      pointsPerSecond: { naive: n / (naive.msExtrapolated / 1000), flatbushTurf: n / (fb.ms / 1000), engine: n / (eng.ms / 1000) },
      load: { naive: naive.load, flatbushTurf: fb.load, engine: eng.load },
      shares: eng.shares,
      memory: { naive: naive.memory, flatbushTurf: fb.memory, engine: eng.memory },
      verified: {
        naiveVsEngine: { points: naive.ranPoints, mismatches: naive.check.mismatches, countsEqual: naive.check.countsEqual },
        flatbushTurfVsEngine: { points: n, mismatches: fb.check.mismatches, countsEqual: fb.check.countsEqual },
        engineVsReferenceLocator: { points: eng.reference.checked, mismatches: eng.reference.mismatches },
      },
      engineTimes: eng.times,
      engineStats: eng.stats,
    });
  }
  log(`import: ${CSV_ROWS.toLocaleString('en')}-row CSV…`);
  await waitQuiet('import');
  const imp = runChild(['import']) as ReturnType<typeof childImport>;
  log(`  parse ${imp.parseMs.toFixed(0)} ms, importFile ${imp.importFileMs.toFixed(0)} ms, aggregate ${imp.aggregateMs.toFixed(1)} ms (previous aggregate ${imp.aggregateReferenceMs.toFixed(0)} ms), load ${imp.load.toFixed(2)}`);
  if (!imp.sameAsTurf) failures.push('import with the engine locator differs from the import with the turf locator');
  if (!imp.sameAggregate) failures.push('aggregate() differs from the reference aggregate (bench/aggregate-reference.ts) on the 100k-row import');

  let browser: BenchReport['browser'] = null;
  let browserSkipped: string | null = null;
  if (noBrowser) browserSkipped = 'browser benchmarks skipped (--no-browser)';
  else {
    log('browser: builds, map-ready, rendering…');
    const b = await runBrowserBench({ runs: READY_RUNS, log, waitQuiet });
    if ('skipped' in b) {
      browserSkipped = b.skipped;
      log(`  ${b.skipped}`);
    } else browser = b;
  }
  const exe = chromiumPath();

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      chromium: browser?.chromium ?? (exe ? chromiumVersion(exe) : null),
      loadAverage: [loadBefore, loadavg()[0]],
    },
    aggregation,
    import: {
      rows: imp.rows,
      valid: imp.valid,
      bytes: imp.bytes,
      parseMs: imp.parseMs,
      importFileMs: imp.importFileMs,
      aggregateMs: imp.aggregateMs,
      aggregateReferenceMs: imp.aggregateReferenceMs,
      pipelineMs: imp.pipelineMs,
      ratio: imp.pipelineMs / imp.parseMs,
      parseTimes: imp.parseTimes,
      importFileTimes: imp.importTimes,
      aggregateTimes: imp.aggTimes,
      pipelineTimes: imp.pipeTimes,
      locatorBuildMs: imp.locatorBuildMs,
      sameAsTurfLocator: imp.sameAsTurf,
      sameAsReferenceAggregate: imp.sameAggregate,
      load: imp.load,
      peakRss: imp.peakRss,
    },
    mapReady: browser ? browser.mapReady : null,
    render: browser ? browser.render : null,
    bundle: browser ? browser.bundle : null,
    browser,
    browserSkipped,
    targets: {
      aggregation1M: { maxMs: 150, minRatio: 600, met: false },
      importPipeline: { maxRatio: 3, met: false },
      mapReady: { maxRatio: 1.3, met: null },
      firstScreenJs: { maxGzipBeyondMaplibre: 80 * 1024, met: null },
      displayData: { maxGzip: 400 * 1024, met: null },
    },
    failures,
  };
  const big = aggregation.find((a) => a.points === 1_000_000);
  report.targets.aggregation1M.met = !!big && big.engineMs <= 150 && big.ratio >= 600;
  report.targets.importPipeline.met = report.import.ratio <= 3;
  if (browser) {
    report.targets.mapReady.met = browser.mapReady.ratio <= 1.3;
    report.targets.firstScreenJs.met = browser.bundle.beyondMaplibre.gzip <= 80 * 1024;
    report.targets.displayData.met = browser.sizes.displayData.total.gzip <= 400 * 1024;
  }
  const md = writeReport(report);
  if (json) {
    const { browser: _b, ...rest } = report;
    process.stdout.write(JSON.stringify({ ...rest, sizes: browser?.sizes ?? null }, null, 2) + '\n');
  } else process.stdout.write(md.table + `\nWritten docs/PERFORMANCE.md\n`);
  if (failures.length > 0) {
    process.stderr.write(`\nBENCH FAILED: results differ\n${failures.join('\n')}\n`);
    process.exit(1);
  }
}

/** `npm run bench -- --phone`: only the phone scenario, written into its section of docs/PERFORMANCE.md. */
async function runPhoneOnly() {
  const log = (s: string) => process.stderr.write(s + '\n');
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium not found (CHROMIUM_PATH or the Debian "chromium" package).');
  const { chromium } = await import('playwright-core');
  ensureBuilds(log);
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    const r = await phoneBench(browser, APP_DIST, log);
    writePhoneSection(join(import.meta.dirname, '..'), r);
    process.stdout.write(phoneMarkdown(r) + '\nWritten docs/PERFORMANCE.md (phone section)\n');
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
