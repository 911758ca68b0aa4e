import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import type { CommuneProps, GeodataManifest, TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { buildGeodata, type BuildResult } from '../../geodata/build.ts';
import { decide } from '../../geodata/ensure.ts';
import { parseCsv } from '../../geodata/lib/csv.ts';
import { quantizeRing } from '../../geodata/lib/geometry.ts';
import { assertInvariants, checkInvariants, GeodataInvariantError, type InvariantInput } from '../../geodata/lib/invariants.ts';
import {
  crossCheckDensity,
  crossCheckQpv,
  normalizeArrondissementName,
  weightedMean,
} from '../../geodata/lib/joins.ts';
import { labelPoint } from '../../geodata/lib/labels.ts';
import { PROJECT_ROOT, resolveSourceDir } from '../../geodata/lib/sources.ts';

const sourceDir = resolveSourceDir();
const hasSources = fs.existsSync(path.join(sourceDir, 'communes-13.geojson'));
let outDir = '';
let result: BuildResult;

const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(outDir, name), 'utf8')) as T;
const invariantInput = (): InvariantInput => ({
  communes: result.communes,
  qpv: result.qpv,
  arrondissements: result.arrondissements,
  epci: result.epci,
  zonesEmploi: result.zonesEmploi,
});
const clone = <T>(x: T): T => structuredClone(x);

describe.skipIf(!hasSources)('geodata build (on the real sources)', () => {
  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-test-'));
    result = buildGeodata({ sourceDir, outDir });
  }, 120_000);
  afterAll(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('writes every layer with the expected feature counts', () => {
    const counts: Record<string, number> = {
      'communes.geojson': 119,
      'qpv.geojson': 71,
      'arrondissements.geojson': 16,
      'epci.geojson': 4,
      'zones-emploi.geojson': 7,
      'departement.geojson': 1,
      'context.geojson': 8,
      'commune-labels.geojson': 119,
    };
    for (const [name, n] of Object.entries(counts)) {
      const fc = read<FeatureCollection>(name);
      expect(fc.type, name).toBe('FeatureCollection');
      expect(fc.features, name).toHaveLength(n);
    }
  });

  it('gives each commune a numeric id and its code in properties', () => {
    const fc = read<FeatureCollection<Geometry, CommuneProps>>('communes.geojson');
    fc.features.forEach((f, i) => {
      expect(f.id).toBe(i);
      expect(f.properties.code).toMatch(/^13\d{3}$/);
    });
  });

  it('satisfies all invariants, every INSEE code joined', () => {
    expect(checkInvariants(invariantInput())).toEqual([]);
    for (const c of result.communes) {
      expect(c.nom, c.code).toBeTruthy();
      expect(c.population, c.code).toBeGreaterThan(0);
      expect(c.epci, c.code).toMatch(/^\d{9}$/);
      expect(c.ze, c.code).toMatch(/^\d{4}$/);
      expect([1, 2, 3, 4, 5, 6, 7]).toContain(c.densite);
    }
  });

  it('classifies 46 rural communes (density 5, 6, 7), matching the CSV labels', () => {
    const rural = result.communes.filter((c) => c.rural);
    expect(rural).toHaveLength(46);
    expect(rural.every((c) => c.densite >= 5)).toBe(true);
    const byCode = new Map(result.communes.map((c) => [c.code, c]));
    expect(byCode.get('13090')).toMatchObject({ nom: 'Saint-Antonin-sur-Bayon', densite: 7, rural: true });
    expect(byCode.get('13008')).toMatchObject({ nom: 'Aurons', densite: 6, rural: true });
    expect(byCode.get('13055')).toMatchObject({ densite: 1, rural: false });
    // Independent check against the CSV labels (population there is an older vintage: 127 059).
    const csv = parseCsv(fs.readFileSync(path.join(sourceDir, 'communes-france-2024-13.csv'), 'utf8')).filter(
      (r) => r.typecom === 'COM',
    );
    const csvRural = csv.filter((r) => /^(Bourgs ruraux|Rural à habitat)/.test(r.grille_densite));
    expect(csvRural.reduce((s, r) => s + Number(r.population), 0)).toBe(127059);
    expect(new Set(rural.map((c) => c.code))).toEqual(new Set(csvRural.map((r) => r.code_insee)));
    // With the COG 2026 populations used by the app:
    const pop = rural.reduce((s, c) => s + c.population, 0);
    expect(pop).toBeGreaterThan(120_000);
    expect(pop).toBeLessThan(140_000);
  });

  it('aggregates Marseille Filosofi within the range of its arrondissements', () => {
    const marseille = result.communes.find((c) => c.code === '13055')!;
    const medians = result.arrondissements.map((a) => a.revenuMedian!);
    const parts = result.arrondissements.map((a) => a.partMinimaSociaux!);
    expect(marseille.revenuMedian).not.toBeNull();
    expect(marseille.revenuMedian!).toBeGreaterThanOrEqual(Math.min(...medians));
    expect(marseille.revenuMedian!).toBeLessThanOrEqual(Math.max(...medians));
    expect(marseille.partMinimaSociaux!).toBeGreaterThanOrEqual(Math.min(...parts));
    expect(marseille.partMinimaSociaux!).toBeLessThanOrEqual(Math.max(...parts));
    expect(marseille.qpvCount).toBe(41);
  });

  it('takes names with their article from decoupage-administratif', () => {
    const byCode = new Map(result.communes.map((c) => [c.code, c.nom]));
    expect(byCode.get('13028')).toBe('La Ciotat');
    expect(byCode.get('13071')).toBe('Les Pennes-Mirabeau');
    expect(result.arrondissements.find((a) => a.code === '13202')!.nom).toBe('Marseille 2e arrondissement');
    expect(result.arrondissements.find((a) => a.code === '13201')!.nom).toBe('Marseille 1er arrondissement');
  });

  it('partitions the 119 communes into 4 EPCI; the Métropole includes Pertuis and Saint-Zacharie', () => {
    expect(result.epci).toHaveLength(4);
    const all = result.epci.flatMap((e) => e.membres13).sort();
    expect(all).toEqual(result.communes.map((c) => c.code).sort());
    const metropole = result.epci.find((e) => e.code === '200054807')!;
    expect(metropole.membres13).toHaveLength(90);
    expect(metropole.membres).toEqual(expect.arrayContaining(['84089', '83120']));
    for (const c of result.communes) expect(result.epci.find((e) => e.membres13.includes(c.code))!.code).toBe(c.epci);
  });

  it('writes a territories index and a manifest within the size budget', () => {
    const t = read<TerritoriesIndex>('territoires.json');
    expect(t.communes).toHaveLength(119);
    expect(t.qpv).toHaveLength(71);
    expect(t.departement.population).toBe(result.communes.reduce((s, c) => s + c.population, 0));
    const m = read<GeodataManifest>('manifest.json');
    const display = m.layers.filter((l) => l.layer.endsWith('.geojson'));
    expect(display.reduce((s, l) => s + l.gzipBytes, 0)).toBeLessThanOrEqual(400 * 1024);
    expect(m.layers.find((l) => l.layer === 'communes.geojson')!.gzipBytes).toBeLessThan(100 * 1024);
    for (const l of m.layers) {
      expect(l.bytes).toBe(fs.statSync(path.join(outDir, l.layer)).size);
      expect(l.title && l.producer && l.source && l.vintage, l.layer).toBeTruthy();
    }
    expect(m.attributeSources!.some((a) => a.fields.includes('frr') && !a.licenceConfirmed)).toBe(true);
  });

  it('keeps at most 5 decimals in coordinates', () => {
    const text = fs.readFileSync(path.join(outDir, 'communes.geojson'), 'utf8');
    expect(/\d\.\d{6,}/.test(text.replace(/"properties":\{[^}]*\}/g, ''))).toBe(false);
  });

  it('places each commune label inside its commune', async () => {
    const { booleanPointInPolygon } = await import('@turf/turf');
    const communes = read<FeatureCollection<Geometry, CommuneProps>>('communes.geojson');
    const labels = read<FeatureCollection>('commune-labels.geojson');
    labels.features.forEach((l, i) => {
      expect(booleanPointInPolygon(l.geometry as never, communes.features[i] as never), communes.features[i].properties.code).toBe(true);
    });
  });

  it('ensure: up to date right after a build, rebuild when an output is missing', () => {
    expect(decide({ sourceDir, outDir }).rebuild).toBe(false);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'geodata-empty-'));
    try {
      expect(decide({ sourceDir, outDir: empty })).toMatchObject({ rebuild: true });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('invariants reject broken data', () => {
    it('118 communes', () => {
      const d = invariantInput();
      d.communes = d.communes.slice(0, 118);
      const problems = checkInvariants(d);
      expect(problems).toContain('communes : 118 au lieu de 119 attendu(e)s');
      expect(() => assertInvariants(d)).toThrow(GeodataInvariantError);
      expect(() => assertInvariants(d)).toThrow(/118 au lieu de 119/);
    });

    it('a commune without name or population', () => {
      const d = clone(invariantInput());
      d.communes[3].nom = '';
      d.communes[4].population = Number.NaN;
      const problems = checkInvariants(d);
      expect(problems).toContain(`commune ${d.communes[3].code} : sans nom`);
      expect(problems.some((p) => p.startsWith(`commune ${d.communes[4].code} : population`))).toBe(true);
    });

    it('a QPV in an unknown commune', () => {
      const d = clone(invariantInput());
      d.qpv[0].communes = ['13999'];
      expect(checkInvariants(d).some((p) => p.includes('13999'))).toBe(true);
    });

    it('a source missing a code, and an EPCI overlap', () => {
      const d = clone(invariantInput());
      d.sourceCodes = { 'frr-communes-13.csv': d.communes.slice(1).map((c) => c.code) };
      d.epci[0].membres13.push(d.epci[1].membres13[0]);
      const problems = checkInvariants(d);
      expect(problems.some((p) => p.startsWith('frr-communes-13.csv : codes INSEE absents (1)'))).toBe(true);
      expect(problems.some((p) => p.startsWith('EPCI : communes dans plusieurs EPCI'))).toBe(true);
    });

    it('a missing zone d’emploi', () => {
      const d = clone(invariantInput());
      d.zonesEmploi = d.zonesEmploi.slice(1);
      const problems = checkInvariants(d);
      expect(problems).toContain("zones d'emploi : 6 au lieu de 7 attendu(e)s");
      expect(problems.some((p) => p.startsWith("zones d'emploi absentes"))).toBe(true);
    });
  });
});

describe('geodata pure helpers', () => {
  it('cross-checks density codes against CSV labels', () => {
    const osm = new Map<string, { level: unknown; label: unknown }>([
      ['13001', { level: 1, label: 'Grands centres urbains' }],
      ['13002', { level: 5, label: 'Bourgs ruraux' }],
    ]);
    expect(crossCheckDensity(osm, new Map([['13001', 'Grands centres urbains'], ['13002', 'Bourgs ruraux']]))).toEqual([]);
    const problems = crossCheckDensity(osm, new Map([['13001', 'Grands centres urbains'], ['13002', 'Petites villes']]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/13002/);
  });

  it('cross-checks QPV names and communes', () => {
    const a = [{ code: 'QN01341I', nom: 'Les Escourtines', communes: ['13055', '13070'] }];
    expect(crossCheckQpv(a, [{ ...a[0], communes: ['13070', '13055'] }])).toEqual([]);
    expect(crossCheckQpv(a, [{ ...a[0], nom: 'Autre' }])[0]).toMatch(/nom/);
  });

  it('normalises arrondissement names', () => {
    expect(normalizeArrondissementName('Marseille 2e  Arrondissement')).toBe('Marseille 2e arrondissement');
    expect(normalizeArrondissementName('Marseille 1er Arrondissement')).toBe('Marseille 1er arrondissement');
  });

  it('computes a weighted mean skipping nulls', () => {
    expect(weightedMean([{ value: 10, weight: 1 }, { value: 20, weight: 3 }, { value: null, weight: 5 }])).toBe(17.5);
    expect(weightedMean([{ value: null, weight: 1 }])).toBeNull();
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b\r\n1,"x, ""y"""\r\n')).toEqual([{ a: '1', b: 'x, "y"' }]);
  });

  it('quantises rings without breaking closure', () => {
    expect(quantizeRing([[0.000001, 0], [1, 0], [1.000001, 0], [1, 1], [0, 0]], 5)).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
    expect(quantizeRing([[0, 0], [0.000001, 0], [0, 0.000001], [0, 0]], 5)).toBeNull();
  });

  it('places a label inside a concave (U-shaped) polygon, on the largest part', () => {
    const u = [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]];
    const tiny = [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]];
    const [x, y] = labelPoint({ type: 'MultiPolygon', coordinates: [tiny, u] }, 0.01);
    const insideU = y < 1 ? x > 0 && x < 3 : (x > 0 && x < 1) || (x > 2 && x < 3);
    expect(insideU && y > 0 && y < 3).toBe(true);
  });
});

describe('geodata build CLI', () => {
  it('fails with a clear message and exit code 1 when the source folder is missing', () => {
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const r = spawnSync(tsx, ['geodata/build.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, GEODATA_SOURCE: '/nonexistent' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
    expect(r.stderr).toContain('Fichier source manquant : /nonexistent/communes-13.geojson (GEODATA_SOURCE=/nonexistent)');
  }, 60_000);
});
