// What « Préparer la publication » shows before the package is downloaded: counts, and every
// suppressed figure with its territory's name and reason. Pure.

import type { TerritoriesIndex } from '../geodata/types.ts';
import { FUNDS } from '../domain/funds.ts';
import { LEVEL_LABELS, MEASURE_LABELS, REASON_LABELS } from './labels.ts';
import { UNKNOWN_YEAR, type CellLevel, type PublishedDataset, type SuppressionReason } from './types.ts';

export interface SuppressedCell {
  key: string;
  level: string;
  name: string;
  /** "entreprises, emplois créés, montant". */
  measures: string;
  /** French reasons, distinct. */
  reasons: string;
}

export interface PublicationPreview {
  companiesPublished: number;
  suppressedFigures: number;
  byReason: { reason: SuppressionReason; label: string; count: number }[];
  /** Territories (or funds, years) with at least one suppressed figure. */
  cells: SuppressedCell[];
}

/** Name of a cell for people: the territory's name, the fund's, the year. */
export function cellName(level: CellLevel, code: string, index: TerritoriesIndex): string {
  switch (level) {
    case 'departement':
      return index.departement.nom;
    case 'rural':
      return 'Communes rurales';
    case 'urban':
      return 'Communes urbaines';
    case 'communes':
      return index.communes.find((c) => c.code === code)?.nom ?? code;
    case 'arrondissements':
      return index.arrondissements.find((a) => a.code === code)?.nom ?? code;
    case 'epci':
      return index.epci.find((e) => e.code === code)?.nom ?? code;
    case 'zonesEmploi':
      return index.zonesEmploi.find((z) => z.code === code)?.nom ?? code;
    case 'qpv':
      return index.qpv.find((q) => q.code === code)?.nom ?? code;
    case 'funds':
      return FUNDS.find((f) => f.id === code)?.shortLabel ?? code;
    case 'years':
      return code === UNKNOWN_YEAR ? 'Année inconnue' : code;
  }
}

const REASONS: SuppressionReason[] = ['frequence', 'dominance', 'residuel', 'secondaire'];

export function publicationPreview(p: PublishedDataset, index: TerritoriesIndex): PublicationPreview {
  const groups = new Map<string, { level: CellLevel; code: string; measures: Set<string>; reasons: Set<SuppressionReason> }>();
  for (const s of p.tables.suppressions) {
    const key = `${s.level}:${s.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { level: s.level, code: s.code, measures: new Set(), reasons: new Set() }));
    g.measures.add(s.measure);
    g.reasons.add(s.reason);
  }
  const order = Object.keys(LEVEL_LABELS) as CellLevel[];
  const cells = [...groups.entries()]
    .map(([key, g]) => ({ key, g, name: cellName(g.level, g.code, index) }))
    .sort((a, b) => order.indexOf(a.g.level) - order.indexOf(b.g.level) || a.name.localeCompare(b.name, 'fr'))
    .map(({ key, g, name }) => ({
      key,
      level: LEVEL_LABELS[g.level],
      name,
      measures: (['companies', 'jobs', 'amountEur'] as const).filter((m) => g.measures.has(m)).map((m) => MEASURE_LABELS[m]).join(', '),
      reasons: REASONS.filter((r) => g.reasons.has(r)).map((r) => REASON_LABELS[r]).join(' ; '),
    }));
  return {
    companiesPublished: p.companies.length,
    suppressedFigures: p.tables.suppressions.length,
    byReason: REASONS.map((reason) => ({ reason, label: REASON_LABELS[reason], count: p.tables.suppressions.filter((s) => s.reason === reason).length })),
    cells,
  };
}

/** File name of the downloaded package: what publish-site writes as data/publication.json. */
export const PACKAGE_FILE_NAME = 'publication.json';
