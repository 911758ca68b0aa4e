// Gap analysis, rows: one row per territory of a level with its figures, need values and
// support values (method notes in gaps.ts). Pure.

import { emptyFigures, type AggregationResult, type TerritoryFigures } from './types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { INDICATOR_REGISTRY, SUPPORT_INDICATOR_IDS, type SupportIndicatorId } from './indicators.ts';
import type { GapLevel, NeedId } from './gap-needs.ts';
import { DERIVED_FROM, isSecretFigure } from '../domain/privacy.ts';

export interface GapRow {
  level: GapLevel;
  /** INSEE code, EPCI SIREN, zone d'emploi code, QPV code; 132xx for a Marseille arrondissement. */
  code: string;
  name: string;
  /** From the figures (null for a QPV). */
  population: number | null;
  /** French context line: commune(s) of a QPV, EPCI of a commune, "Marseille" for an arrondissement. */
  context: string | null;
  /** INSEE codes of the communes the territory lies in (itself for a commune). */
  communes: string[];
  figures: TerritoryFigures;
  need: Record<NeedId, number | null>;
  /** Null when unknown or « secret statistique » (see `secretSupport`). */
  support: Record<SupportIndicatorId, number | null>;
  /** Support indicators built on a figure suppressed by statistical secrecy (public figures). */
  secretSupport: SupportIndicatorId[];
}

export interface GapRowsOptions {
  /**
   * Commune level only: replace Marseille (13055) by its 16 arrondissements (figures from
   * `byArrondissement`: supports and layoffs of Marseille without an arrondissement are then
   * not counted anywhere). Default false.
   */
  splitMarseille?: boolean;
}

type IndexCommune = TerritoriesIndex['communes'][number];

const EMPTY_FIGURES: TerritoryFigures = emptyFigures();

/** Population-weighted mean of the non-null values (null when none). */
function weightedMean(items: readonly { value: number | null; weight: number }[]): number | null {
  let sw = 0;
  let s = 0;
  for (const { value, weight } of items) {
    if (value === null || !Number.isFinite(value) || !(weight > 0)) continue;
    sw += weight;
    s += value * weight;
  }
  return sw > 0 ? s / sw : null;
}

/** Support indicators of a territory; a secret one has no value (it is never classed). */
function supportValues(f: TerritoryFigures): Record<SupportIndicatorId, number | null> {
  const out = {} as Record<SupportIndicatorId, number | null>;
  for (const id of SUPPORT_INDICATOR_IDS) out[id] = isSecretFigure(f, DERIVED_FROM[id]) ? null : INDICATOR_REGISTRY[id].value(f);
  return out;
}

const secretSupportOf = (f: TerritoryFigures): SupportIndicatorId[] => SUPPORT_INDICATOR_IDS.filter((id) => isSecretFigure(f, DERIVED_FROM[id]));

/** True when the row's support indicator is « secret statistique ». */
export const isSupportSecret = (r: Pick<GapRow, 'secretSupport'>, id: SupportIndicatorId): boolean => r.secretSupport.includes(id);

// Not split: one switch over the four levels, each case a few lines of the same shape.
/** One row per territory of `level`, in the index order. */
export function buildGapRows(level: GapLevel, agg: AggregationResult, index: TerritoriesIndex, opts: GapRowsOptions = {}): GapRow[] {
  const zeRate = new Map(index.zonesEmploi.map((z) => [z.code, z.tauxChomage]));
  const communeByCode = new Map(index.communes.map((c) => [c.code, c]));
  const qpvOfCommune = new Map<string, Set<string>>();
  for (const q of index.qpv) {
    for (const c of q.communes) {
      if (!qpvOfCommune.has(c)) qpvOfCommune.set(c, new Set());
      qpvOfCommune.get(c)!.add(q.code);
    }
  }
  const fig = (rec: Record<string, TerritoryFigures>, code: string): TerritoryFigures => rec[code] ?? EMPTY_FIGURES;
  const rateOf = (c: IndexCommune) => zeRate.get(c.ze) ?? null;

  /** Need values of a group of communes (EPCI, ZE). */
  const groupNeeds = (members: IndexCommune[], jobsCut: number, ownRate: number | null | undefined) => {
    const qpvs = new Set<string>();
    for (const c of members) for (const q of qpvOfCommune.get(c.code) ?? []) qpvs.add(q);
    const pop = members.reduce((s, c) => s + c.population, 0);
    const ruralPop = members.reduce((s, c) => s + (c.rural ? c.population : 0), 0);
    return {
      jobsCut,
      unemployment: ownRate !== undefined ? ownRate : weightedMean(members.map((c) => ({ value: rateOf(c), weight: c.population }))),
      socialMinima: weightedMean(members.map((c) => ({ value: c.partMinimaSociaux, weight: c.population }))),
      lowIncome: weightedMean(members.map((c) => ({ value: c.revenuMedian, weight: c.population }))),
      qpvCount: qpvs.size,
      rural: pop > 0 ? ruralPop / pop : null,
    } satisfies Record<NeedId, number | null>;
  };

  const rows: GapRow[] = [];
  switch (level) {
    case 'commune': {
      for (const c of index.communes) {
        if (opts.splitMarseille && c.code === '13055' && index.arrondissements.length > 0) {
          for (const a of index.arrondissements) {
            const f = fig(agg.byArrondissement, a.code);
            rows.push({
              level,
              code: a.code,
              name: a.nom,
              population: f.population ?? a.population,
              context: 'Marseille',
              communes: [c.code],
              figures: f,
              need: {
                jobsCut: f.jobsCut,
                unemployment: rateOf(c),
                socialMinima: a.partMinimaSociaux,
                lowIncome: a.revenuMedian,
                // QPVs carry no arrondissement: unknown at that level.
                qpvCount: null,
                rural: 0,
              },
              support: supportValues(f),
              secretSupport: secretSupportOf(f),
            });
          }
          continue;
        }
        const f = fig(agg.byCommune, c.code);
        rows.push({
          level,
          code: c.code,
          name: c.nom,
          population: f.population ?? c.population,
          context: c.epciNom,
          communes: [c.code],
          figures: f,
          need: {
            jobsCut: f.jobsCut,
            unemployment: rateOf(c),
            socialMinima: c.partMinimaSociaux,
            lowIncome: c.revenuMedian,
            qpvCount: c.qpvCount,
            rural: c.rural ? 1 : 0,
          },
          support: supportValues(f),
          secretSupport: secretSupportOf(f),
        });
      }
      break;
    }
    case 'epci':
    case 'ze': {
      // A group of communes: EPCI by membership, zone d'emploi by the communes' zone (dept-13 part only).
      const groups =
        level === 'epci'
          ? index.epci.map((e) => ({ code: e.code, name: e.nom, population: e.population, rate: undefined, byCode: agg.byEpci, of: (c: IndexCommune) => c.epci === e.code, where: '' }))
          : index.zonesEmploi.map((z) => ({ code: z.code, name: z.nom, population: null, rate: z.tauxChomage, byCode: agg.byZoneEmploi, of: (c: IndexCommune) => c.ze === z.code, where: ' des Bouches-du-Rhône' }));
      for (const g of groups) {
        const members = index.communes.filter(g.of);
        const f = fig(g.byCode, g.code);
        rows.push({
          level,
          code: g.code,
          name: g.name,
          population: f.population ?? g.population,
          context: `${members.length} commune${members.length > 1 ? 's' : ''}${g.where}`,
          communes: members.map((c) => c.code),
          figures: f,
          need: groupNeeds(members, f.jobsCut, g.rate),
          support: supportValues(f),
          secretSupport: secretSupportOf(f),
        });
      }
      break;
    }
    case 'qpv': {
      for (const q of index.qpv) {
        const members = q.communes.map((code) => communeByCode.get(code)).filter((c): c is IndexCommune => c !== undefined);
        const f = fig(agg.byQpv, q.code);
        const weighted = (get: (c: IndexCommune) => number | null) => weightedMean(members.map((c) => ({ value: get(c), weight: c.population })));
        rows.push({
          level,
          code: q.code,
          name: q.nom,
          population: null,
          context: members.map((c) => c.nom).join(', ') || null,
          communes: [...q.communes],
          figures: f,
          need: {
            jobsCut: members.reduce((s, c) => s + fig(agg.byCommune, c.code).jobsCut, 0),
            unemployment: weighted(rateOf),
            socialMinima: weighted((c) => c.partMinimaSociaux),
            lowIncome: weighted((c) => c.revenuMedian),
            qpvCount: null,
            rural: null,
          },
          support: supportValues(f),
          secretSupport: secretSupportOf(f),
        });
      }
      break;
    }
  }
  return rows;
}
