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
import { AggregationEngine, createEngineLocator } from '../src/lib/analysis/engine/engine.ts';
import { createTurfLocator } from '../src/lib/analysis/locate-turf.ts';
import { decodeText } from '../src/lib/import/decode.ts';
import { parseCsv } from '../src/lib/import/csv.ts';
import { importFile } from '../src/lib/import/pipeline.ts';
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
  return { method: 'naive', n, ranPoints: m, sampled, ms: out.ms, msExtrapolated: (out.ms * n) / m, fcMs, memory, check };
}

function childFlatbush(n: number) {
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
  return { method: 'flatbush-turf', n, ms: median(times), times, buildMs, memory, check };
}

function childEngine(n: number) {
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
  engine.locateMany(pts); // warm-up
  const times: number[] = [];
  for (let k = 0; k < 9; k++) {
    t0 = performance.now();
    res = engine.locateMany(pts);
    times.push(performance.now() - t0);
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
  const pipeTimes: number[] = [];
  let rows = 0;
  let valid = 0;
  let records = 0;
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
    aggregate(r.dataset.supports, r.dataset.layoffs, layers.index);
    const pipeMs = performance.now() - t0;
    rows = r.rows;
    valid = r.valid;
    if (k > 0) {
      parseTimes.push(parseMs);
      pipeTimes.push(pipeMs);
    }
  }
  // Same import with the turf reference locator on the first 3,000 rows: identical result.
  const head = csv.split('\r\n').slice(0, 3001).join('\r\n') + '\r\n';
  const hb = new TextEncoder().encode(head);
  const a = importFile(hb, 'head.csv', { index: layers.index, locator, now });
  const b = importFile(hb, 'head.csv', { index: layers.index, locator: createTurfLocator(layers.communes, layers.arrondissements, layers.qpv), now });
  const sameAsTurf = JSON.stringify(a) === JSON.stringify(b);
  return {
    method: 'import',
    rows,
    records,
    valid,
    bytes: bytes.length,
    parseMs: median(parseTimes),
    pipelineMs: median(pipeTimes),
    parseTimes,
    pipeTimes,
    locatorBuildMs,
    sameAsTurf,
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

function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [, kind, nRaw] = argv;
    const n = Number(nRaw);
    const out = kind === 'naive' ? childNaive(n) : kind === 'flatbush' ? childFlatbush(n) : kind === 'engine' ? childEngine(n) : childImport();
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  const json = argv.includes('--json');
  const log = (s: string) => {
    if (!json) process.stderr.write(s + '\n');
  };
  const loadBefore = loadavg()[0];
  const layers = loadLayers();
  const polygons = polygonsInOrder(layers);
  const nPolygons = polygons.communes.length + polygons.qpv.length;
  const failures: string[] = [];
  const aggregation: BenchReport['aggregation'] = [];
  for (const n of SIZES) {
    log(`${n.toLocaleString('en')} points: naive turf…`);
    const naive = runChild(['naive', String(n)]) as ReturnType<typeof childNaive>;
    log(`  naive ${naive.ms.toFixed(0)} ms on ${naive.ranPoints} points${naive.sampled ? ` → extrapolated ${naive.msExtrapolated.toFixed(0)} ms` : ''}; flatbush + turf…`);
    const fb = runChild(['flatbush', String(n)]) as ReturnType<typeof childFlatbush>;
    log(`  flatbush+turf ${fb.ms.toFixed(1)} ms; engine…`);
    const eng = runChild(['engine', String(n)]) as ReturnType<typeof childEngine>;
    log(`  engine ${eng.ms.toFixed(1)} ms (cold ${eng.coldMs.toFixed(1)} ms, build ${eng.buildMs.toFixed(1)} ms)`);
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
      engineColdMs: eng.coldMs,
      engineBuildMs: eng.buildMs,
      countByTerritoryMs: eng.countMs,
      ratio: naive.msExtrapolated / eng.ms,
      flatbushTurfRatio: naive.msExtrapolated / fb.ms,
      engineVsFlatbushTurf: fb.ms / eng.ms,
      pointsPerSecond: { naive: n / (naive.msExtrapolated / 1000), flatbushTurf: n / (fb.ms / 1000), engine: n / (eng.ms / 1000) },
      shares: eng.shares,
      memory: { naive: naive.memory, flatbushTurf: fb.memory, engine: eng.memory },
      verified: {
        naiveVsEngine: { points: naive.ranPoints, mismatches: naive.check.mismatches, countsEqual: naive.check.countsEqual },
        flatbushTurfVsEngine: { points: n, mismatches: fb.check.mismatches, countsEqual: fb.check.countsEqual },
        engineVsReferenceLocator: { points: eng.reference.checked, mismatches: eng.reference.mismatches },
      },
      engineStats: eng.stats,
    });
  }
  log(`import: ${CSV_ROWS.toLocaleString('en')}-row CSV…`);
  const imp = runChild(['import']) as ReturnType<typeof childImport>;
  log(`  parse ${imp.parseMs.toFixed(0)} ms, pipeline ${imp.pipelineMs.toFixed(0)} ms`);
  if (!imp.sameAsTurf) failures.push('import with the engine locator differs from the import with the turf locator');

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage: [loadBefore, loadavg()[0]] },
    aggregation,
    import: {
      rows: imp.rows,
      valid: imp.valid,
      bytes: imp.bytes,
      parseMs: imp.parseMs,
      pipelineMs: imp.pipelineMs,
      ratio: imp.pipelineMs / imp.parseMs,
      parseTimes: imp.parseTimes,
      pipelineTimes: imp.pipeTimes,
      locatorBuildMs: imp.locatorBuildMs,
      sameAsTurfLocator: imp.sameAsTurf,
      peakRss: imp.peakRss,
    },
    targets: {
      aggregation1M: { maxMs: 150, minRatio: 600, met: false },
      importPipeline: { maxRatio: 3, met: false },
    },
    failures,
  };
  const big = aggregation.find((a) => a.points === 1_000_000);
  report.targets.aggregation1M.met = !!big && big.engineMs <= 150 && big.ratio >= 600;
  report.targets.importPipeline.met = report.import.ratio <= 3;
  const md = writeReport(report);
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(md.table + `\nWritten docs/PERFORMANCE.md\n`);
  if (failures.length > 0) {
    process.stderr.write(`\nBENCH FAILED: results differ\n${failures.join('\n')}\n`);
    process.exit(1);
  }
}

main();
