// Pure join logic: raw, already parsed sources → app-ready properties.
// Joins are lenient (a missing value becomes '' / NaN / null); the invariants
// (invariants.ts) then reject anything that did not join.

import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type {
  ArrondissementProps,
  CommuneProps,
  DensityLevel,
  EpciProps,
  QpvProps,
  ZoneEmploiProps,
} from '../../src/lib/geodata/types.ts';
import type { CsvRow } from './csv.ts';
import { parseNumberOrNull } from './csv.ts';
import { roundTo } from './geometry.ts';
import { messagesFor } from '../../src/lib/i18n/catalogue.ts';

export type AreaFeature<P = Record<string, unknown>> = Feature<Polygon | MultiPolygon, P>;

/** Entry of @etalab/decoupage-administratif data/communes.json (fields used here). */
export interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  population?: number;
  codesPostaux?: string[];
  commune?: string;
}

/** Entry of @etalab/decoupage-administratif data/epci.json (fields used here). */
export interface CogEpci {
  code: string;
  nom: string;
  membres: { code: string; nom: string }[];
}

/** INSEE's names of the density levels, in French: the interface catalogue's (one place for them). */
export const DENSITY_LABELS: Record<DensityLevel, string> = messagesFor('fr').profile.densityLevels;

export const RURAL_LEVELS: readonly DensityLevel[] = [5, 6, 7];

/** Not an official legend: see SOURCES.md (FRR section) and the manifest. */
export const FRR_LABELS: Record<number, string> = {
  0: 'Non classée',
  1: 'Effets du FRR (ancienne ZRR, mesure transitoire)',
  4: 'FRR',
  5: 'FRR+',
};

/** Key of the numeric density class in communes-13-osm.geojson (line breaks included). */
export const OSM_DENSITY_KEY = 'densite_Typo degré de \nDensité';
export const OSM_DENSITY_LABEL_KEY = 'densite_Libellé degré de densité';

export const MARSEILLE = '13055';

export function isDensityLevel(n: unknown): n is DensityLevel {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 7;
}

export function isArrondissementCode(code: string): boolean {
  return /^132(0[1-9]|1[0-6])$/.test(code);
}

/** "Marseille 2e  Arrondissement" → "Marseille 2e arrondissement". */
export function normalizeArrondissementName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().replace(/\bArrondissement\b/, 'arrondissement');
}

/** Population-weighted mean of values; null values are skipped; null if nothing is left. */
export function weightedMean(items: { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let w = 0;
  for (const it of items) {
    if (it.value === null || !Number.isFinite(it.value) || !(it.weight > 0)) continue;
    sum += it.value * it.weight;
    w += it.weight;
  }
  return w > 0 ? sum / w : null;
}

export interface FilosofiValue {
  revenuMedian: number | null;
  partMinimaSociaux: number | null;
}

export function indexFilosofi(rows: CsvRow[]): Map<string, FilosofiValue> {
  const m = new Map<string, FilosofiValue>();
  for (const r of rows) {
    m.set(r.code_commune, {
      revenuMedian: parseNumberOrNull(r.revenu_median_uc_eur),
      partMinimaSociaux: parseNumberOrNull(r.part_minima_sociaux_pct),
    });
  }
  return m;
}

/**
 * Marseille (13055) has no Filosofi row: population-weighted mean of its 16
 * arrondissements. A weighted mean of medians is only an approximation of the
 * city's median.
 */
export function aggregateMarseilleFilosofi(
  filosofi: Map<string, FilosofiValue>,
  arrPopulation: Map<string, number>,
): FilosofiValue & { arrondissementsUsed: number } {
  const codes = [...arrPopulation.keys()].filter(isArrondissementCode).sort();
  const rows = codes.map((c) => ({ f: filosofi.get(c), w: arrPopulation.get(c) ?? 0 }));
  const med = weightedMean(rows.map((r) => ({ value: r.f?.revenuMedian ?? null, weight: r.w })));
  const part = weightedMean(rows.map((r) => ({ value: r.f?.partMinimaSociaux ?? null, weight: r.w })));
  return {
    revenuMedian: med === null ? null : Math.round(med / 10) * 10,
    partMinimaSociaux: part === null ? null : roundTo(part, 1),
    arrondissementsUsed: rows.filter((r) => r.f?.revenuMedian != null).length,
  };
}

/** Density cross-check: OSM numeric code vs its own label vs the CSV label. Returns problems. */
export function crossCheckDensity(
  osmLevels: Map<string, { level: unknown; label: unknown }>,
  csvLabels: Map<string, string>,
): string[] {
  const problems: string[] = [];
  for (const [code, { level, label }] of osmLevels) {
    if (!isDensityLevel(level)) {
      problems.push(`densité : code ${JSON.stringify(level)} invalide pour ${code} (communes-13-osm.geojson)`);
      continue;
    }
    const expected = DENSITY_LABELS[level];
    if (label !== expected) {
      problems.push(`densité : ${code} niveau ${level} libellé OSM « ${String(label)} » ≠ « ${expected} »`);
    }
    const csv = csvLabels.get(code);
    if (csv === undefined) {
      problems.push(`densité : ${code} absent de communes-france-2024-13.csv`);
    } else if (csv !== expected) {
      problems.push(
        `densité : désaccord pour ${code} — communes-13-osm.geojson niveau ${level} (« ${expected} ») ≠ communes-france-2024-13.csv « ${csv} »`,
      );
    }
  }
  for (const code of csvLabels.keys()) {
    if (!osmLevels.has(code)) problems.push(`densité : ${code} absent de communes-13-osm.geojson`);
  }
  return problems;
}

export interface QpvRef {
  code: string;
  nom: string;
  communes: string[];
}

/** QPV cross-check: 5-decimal file vs the 4-decimal ANCT-derived file. Returns problems. */
export function crossCheckQpv(main: QpvRef[], check: QpvRef[]): string[] {
  const problems: string[] = [];
  const byCode = new Map(check.map((q) => [q.code, q]));
  const seen = new Set<string>();
  for (const q of main) {
    seen.add(q.code);
    const c = byCode.get(q.code);
    if (!c) {
      problems.push(`QPV ${q.code} absent de qpv-2024-13.geojson`);
      continue;
    }
    if (c.nom !== q.nom) problems.push(`QPV ${q.code} : nom « ${q.nom} » ≠ « ${c.nom} » (qpv-2024-13.geojson)`);
    const a = [...q.communes].sort().join(',');
    const b = [...c.communes].sort().join(',');
    if (a !== b) problems.push(`QPV ${q.code} : communes [${a}] ≠ [${b}] (qpv-2024-13.geojson)`);
  }
  for (const c of check) if (!seen.has(c.code)) problems.push(`QPV ${c.code} absent de qpv-2024-13-5dec.geojson`);
  return problems;
}

export interface ZoneEmploiRow {
  code: string;
  nom: string;
  tauxChomage: number | null;
  trimestre: string | null;
}

/** Zones d'emploi with the latest quarter's unemployment rate (the FRANCE row is skipped). */
export function zonesEmploiFromChomage(rows: CsvRow[]): ZoneEmploiRow[] {
  if (rows.length === 0) return [];
  const quarters = Object.keys(rows[0])
    .filter((k) => /^\d{4}-T[1-4]$/.test(k))
    .sort();
  const latest = quarters[quarters.length - 1] ?? null;
  return rows
    .filter((r) => /^\d{4}$/.test(r.ze2020))
    .map((r) => ({
      code: r.ze2020,
      nom: r.libze2020,
      tauxChomage: latest ? parseNumberOrNull(r[latest]) : null,
      trimestre: latest,
    }));
}

export interface JoinInputs {
  communesGeo: FeatureCollection<Polygon | MultiPolygon, { code: string; nom?: string }>;
  osmDensity: Map<string, { level: unknown; label: unknown }>;
  cogCommunes: CogCommune[]; // dept 13 commune-actuelle + arrondissement-municipal (others ignored)
  epci: CogEpci[]; // all EPCI (only those with a dept-13 member are kept)
  frr: CsvRow[];
  zrr: CsvRow[];
  zeCommunes: CsvRow[];
  zeChomage: CsvRow[];
  filosofi: CsvRow[];
  qpv: QpvRef[];
}

export interface EpciJoin extends EpciProps {
  membres: string[]; // all members (incl. outside dept 13)
  membres13: string[];
}

export interface JoinResult {
  communes: CommuneProps[]; // sorted by code, aligned with geometries
  geometries: Map<string, Polygon | MultiPolygon>;
  epci: EpciJoin[];
  zonesEmploi: ZoneEmploiProps[];
  arrondissementPopulation: Map<string, number>;
  arrondissementPostcodes: Map<string, string[]>;
  filosofi: Map<string, FilosofiValue>;
  marseilleFilosofi: FilosofiValue & { arrondissementsUsed: number };
  /** Codes present in each source, for the "every code joins" invariant. */
  sourceCodes: Record<string, string[]>;
}

// Not split: one join per attribute source, in sequence over the same commune records.
export function joinCommunes(inp: JoinInputs): JoinResult {
  const geometries = new Map<string, Polygon | MultiPolygon>();
  for (const f of inp.communesGeo.features) geometries.set(String(f.properties.code), f.geometry);
  const codes = [...geometries.keys()].sort();

  const cog13 = inp.cogCommunes.filter((c) => c.type === 'commune-actuelle' && c.code.startsWith('13'));
  const cogByCode = new Map(cog13.map((c) => [c.code, c]));
  const cogAllByCode = new Map(
    inp.cogCommunes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c] as const),
  );
  const arrondissementPopulation = new Map<string, number>();
  const arrondissementPostcodes = new Map<string, string[]>();
  for (const c of inp.cogCommunes) {
    if (c.type === 'arrondissement-municipal' && c.commune === MARSEILLE) {
      arrondissementPopulation.set(c.code, c.population ?? NaN);
      arrondissementPostcodes.set(c.code, [...(c.codesPostaux ?? [])].sort());
    }
  }

  const code13 = new Set(codes);
  const epci: EpciJoin[] = inp.epci
    .filter((e) => e.membres.some((m) => code13.has(m.code) || m.code.startsWith('13')))
    .map((e) => {
      const membres = e.membres.map((m) => m.code).sort();
      return {
        code: e.code,
        nom: e.nom,
        population: membres.reduce((s, m) => s + (cogAllByCode.get(m)?.population ?? NaN), 0),
        membres,
        membres13: membres.filter((m) => m.startsWith('13')),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  const epciByCommune = new Map<string, EpciJoin>();
  for (const e of epci) for (const m of e.membres13) epciByCommune.set(m, e);

  const frr = new Map(inp.frr.map((r) => [r.codgeo, Number(r.codefrr)]));
  const zrr = new Map(inp.zrr.map((r) => [r.insee_code, r.status]));
  const ze = new Map(inp.zeCommunes.map((r) => [r.codgeo, { code: r.ze2020, nom: r.libze2020 }]));
  const zonesEmploi = zonesEmploiFromChomage(inp.zeChomage).sort((a, b) => a.code.localeCompare(b.code));
  const filosofi = indexFilosofi(inp.filosofi);
  const marseilleFilosofi = aggregateMarseilleFilosofi(filosofi, arrondissementPopulation);

  const qpvCount = new Map<string, number>();
  for (const q of inp.qpv) for (const c of new Set(q.communes)) qpvCount.set(c, (qpvCount.get(c) ?? 0) + 1);

  const communes: CommuneProps[] = codes.map((code) => {
    const cog = cogByCode.get(code);
    const e = epciByCommune.get(code);
    const dens = inp.osmDensity.get(code)?.level;
    const densite = (isDensityLevel(dens) ? dens : NaN) as DensityLevel;
    const frrCode = frr.get(code);
    const z = ze.get(code);
    const fil = code === MARSEILLE ? marseilleFilosofi : filosofi.get(code);
    return {
      code,
      nom: cog?.nom ?? '',
      population: cog?.population ?? NaN,
      codesPostaux: [...new Set(cog?.codesPostaux ?? [])].sort(),
      epci: e?.code ?? '',
      epciNom: e?.nom ?? '',
      densite,
      densiteLibelle: isDensityLevel(dens) ? DENSITY_LABELS[dens] : '',
      rural: isDensityLevel(dens) && RURAL_LEVELS.includes(dens),
      frr: (frrCode ?? NaN) as CommuneProps['frr'],
      frrLibelle: frrCode !== undefined ? (FRR_LABELS[frrCode] ?? '') : '',
      zrr: zrr.get(code) === 'C',
      ze: z?.code ?? '',
      zeNom: z?.nom ?? '',
      revenuMedian: fil?.revenuMedian ?? null,
      partMinimaSociaux: fil?.partMinimaSociaux ?? null,
      qpvCount: qpvCount.get(code) ?? 0,
    };
  });

  const filosofiCommuneCodes = [...filosofi.keys()].filter((c) => !isArrondissementCode(c));
  if (marseilleFilosofi.arrondissementsUsed === 16) filosofiCommuneCodes.push(MARSEILLE);

  return {
    communes,
    geometries,
    epci,
    zonesEmploi,
    arrondissementPopulation,
    arrondissementPostcodes,
    filosofi,
    marseilleFilosofi,
    sourceCodes: {
      '@etalab/decoupage-administratif communes.json': cog13.map((c) => c.code),
      'communes-13-osm.geojson (densité)': [...inp.osmDensity.keys()],
      'frr-communes-13.csv': [...frr.keys()],
      'zrr-communes-13.csv': [...zrr.keys()],
      'zones-emploi-2020-communes-13.csv': [...ze.keys()],
      'filosofi-2021-communes-13.csv': filosofiCommuneCodes,
      '@etalab/decoupage-administratif epci.json': epci.flatMap((e) => e.membres13),
    },
  };
}

export function buildArrondissements(
  geo: FeatureCollection<Polygon | MultiPolygon, { code: string; nom: string }>,
  population: Map<string, number>,
  filosofi: Map<string, FilosofiValue>,
): ArrondissementProps[] {
  return geo.features
    .map((f) => {
      const code = String(f.properties.code);
      const fil = filosofi.get(code);
      return {
        code,
        nom: normalizeArrondissementName(String(f.properties.nom ?? '')),
        population: population.get(code) ?? NaN,
        revenuMedian: fil?.revenuMedian ?? null,
        partMinimaSociaux: fil?.partMinimaSociaux ?? null,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function qpvFromFeatures(
  features: Feature<Polygon | MultiPolygon | null, Record<string, unknown>>[],
  keys: { code: string; nom: string; communes: string },
): QpvRef[] {
  return features.map((f) => ({
    code: String(f.properties?.[keys.code] ?? ''),
    nom: String(f.properties?.[keys.nom] ?? ''),
    communes: Array.isArray(f.properties?.[keys.communes])
      ? (f.properties[keys.communes] as unknown[]).map(String)
      : String(f.properties?.[keys.communes] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  }));
}

export type { QpvProps };
