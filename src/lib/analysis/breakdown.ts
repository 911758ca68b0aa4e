// Breakdowns of the map page (by sector, company size and fund), whose bars filter the map.
// Pure. Each breakdown is computed on the supports filtered by every OTHER criterion (a cross
// filter), so that clicking a bar keeps the other bars of the same chart visible and clickable.
// Public mode: a bar built on fewer than 3 companies is masked through maskGroup (privacy module).

import type { FundId, SizeBand, Support } from '../domain/types.ts';
import { FUNDS, nafSectionLabel, SIZE_BAND_SHORT_LABELS, SIZE_BANDS } from '../domain/funds.ts';
import type { PrivacyMode } from '../domain/privacy.ts';
import { filterSupports, type SupportFilter } from './filter.ts';
import { groupFigures } from './review.ts';
import { maskGroup, type MaskedGroup } from './review-tables.ts';

export type BreakdownKind = 'sector' | 'size' | 'fund';

export interface BreakdownBar {
  /** Section letter ('' = unknown), size band or fund id. */
  key: string;
  label: string;
  /** Long label (title, table). */
  fullLabel: string;
  figures: MaskedGroup;
  /** The bar is the active filter. */
  selected: boolean;
}

export interface Breakdown {
  kind: BreakdownKind;
  title: string;
  bars: BreakdownBar[];
}

/** The words of the charts (public pages in English pass theirs; French by default). */
export interface BreakdownText {
  titles: Readonly<Record<BreakdownKind, string>>;
  unknownSector: string;
  unknownSectorFull: string;
  /** Label of a NAF section letter. */
  sector: (letter: string) => string;
  /** Short label of a size band. */
  size: (band: SizeBand) => string;
}

export const FRENCH_BREAKDOWN_TEXT: BreakdownText = {
  titles: { sector: 'Emplois créés par secteur d’activité', size: 'Emplois créés par taille d’entreprise', fund: 'Emplois créés par fonds' },
  unknownSector: 'Inconnu',
  unknownSectorFull: 'Secteur inconnu',
  sector: nafSectionLabel,
  size: (band) => SIZE_BAND_SHORT_LABELS[band],
};

/** Bars with at least one support, by sector (largest first), size (band order) and fund. */
export function breakdowns(all: readonly Support[], f: SupportFilter, mode: PrivacyMode, text: BreakdownText = FRENCH_BREAKDOWN_TEXT): Breakdown[] {
  const without = (k: keyof SupportFilter): Support[] => filterSupports(all, { ...f, [k]: undefined });
  const bars = <K extends string>(rows: Support[], keys: readonly K[], keyOf: (s: Support) => K, label: (k: K) => string, full: (k: K) => string, selected: (k: K) => boolean) =>
    keys
      .map((key) => ({ key, group: groupFigures(rows.filter((s) => keyOf(s) === key)) }))
      .filter((b) => b.group.companies > 0)
      .map((b) => ({ key: b.key as string, label: label(b.key), fullLabel: full(b.key), figures: maskGroup(b.group, mode), jobs: b.group.jobs, selected: selected(b.key) }));

  const bySector = without('sectors');
  const sectorKeys = [...new Set(bySector.map((s) => s.sector ?? ''))];
  const sectorBars = bars(bySector, sectorKeys, (s) => s.sector ?? '', (k) => (k ? `${k} – ${text.sector(k)}` : text.unknownSector), (k) => (k ? `${k} – ${text.sector(k)}` : text.unknownSectorFull), (k) => !!f.sectors?.includes(k))
    // Largest first by the figure shown; masked bars last (their order must not reveal them).
    .sort((a, b) => (a.figures.masked ? 1 : 0) - (b.figures.masked ? 1 : 0) || (a.figures.masked ? a.key.localeCompare(b.key) : b.jobs - a.jobs));

  const bySize = without('sizes');
  const sizeBars = bars<SizeBand>(bySize, SIZE_BANDS, (s) => s.sizeBand, text.size, text.size, (k) => !!f.sizes?.includes(k));

  const byFund = without('funds');
  const fundFiltered = !!f.funds && f.funds.length > 0 && f.funds.length < FUNDS.length;
  const fundBars = bars<FundId>(byFund, FUNDS.map((x) => x.id), (s) => s.fund, (k) => FUNDS.find((x) => x.id === k)!.shortLabel, (k) => FUNDS.find((x) => x.id === k)!.name, (k) => fundFiltered && !!f.funds?.includes(k));

  const strip = (b: BreakdownBar & { jobs: number }): BreakdownBar => ({ key: b.key, label: b.label, fullLabel: b.fullLabel, figures: b.figures, selected: b.selected });
  return [
    { kind: 'sector', title: text.titles.sector, bars: sectorBars.map(strip) },
    { kind: 'size', title: text.titles.size, bars: sizeBars.map(strip) },
    { kind: 'fund', title: text.titles.fund, bars: fundBars.map(strip) },
  ];
}
