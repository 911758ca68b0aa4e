// Columns of the gap analysis table, shared by the screen table and the CSV / GeoJSON exports,
// so that both show the same figures with the same masking.

import { indicatorById, type SupportIndicatorId } from '../analysis/indicators.ts';
import { isSupportSecret, needById, TERCILE_LABELS, type BivariateResult, type GapRow, type GapSortKey, type NeedId, type WhiteZone } from '../analysis/gaps.ts';
import { displayValue, isSecret, maskFigures, SECRET, SECRET_LABEL, type MaybeSecret } from '../domain/privacy.ts';
import type { CellValue } from '../export/table-export.ts';
import { formatEur, formatInt, formatPercentWhole } from '../text/format.ts';

export interface GapColumn {
  key: GapSortKey | 'class' | 'white' | 'coverage';
  header: string;
  numeric?: boolean;
  value: (r: GapRow) => CellValue;
  display: (r: GapRow) => string;
  decimals?: number;
}


export function gapColumns(opts: {
  needId: NeedId;
  supportId: SupportIndicatorId;
  result: BivariateResult | null;
  white: Map<string, WhiteZone>;
}): GapColumn[] {
  const need = needById(opts.needId);
  const support = indicatorById(opts.supportId);
  const masked = (r: GapRow) => maskFigures(r.figures);
  // A support indicator built on a suppressed figure is « secret statistique », and so is its class.
  const supportValue = (r: GapRow): MaybeSecret<number | null> => (isSupportSecret(r, opts.supportId) ? SECRET : r.support[opts.supportId]);
  const coverage = (r: GapRow) => {
    const cut = r.need.jobsCut ?? 0;
    return cut > 0 ? r.figures.jobs / cut : null;
  };
  return [
    { key: 'name', header: 'Territoire', value: (r) => r.name, display: (r) => r.name },
    { key: 'code', header: 'Code', value: (r) => r.code, display: (r) => r.code },
    {
      key: 'white',
      header: 'Zone blanche',
      value: (r) => opts.white.get(r.code)?.reason ?? '',
      display: (r) => opts.white.get(r.code)?.reason ?? '',
    },
    {
      key: `need.${opts.needId}`,
      header: `Besoin : ${need.label}`,
      numeric: true,
      value: (r) => r.need[opts.needId],
      display: (r) => (r.need[opts.needId] === null ? '–' : need.format(r.need[opts.needId]!)),
    },
    {
      key: `support.${opts.supportId}`,
      header: `Soutien : ${support.label}`,
      numeric: true,
      value: supportValue,
      display: (r) => displayValue(supportValue(r), support.format),
    },
    {
      key: 'class',
      header: 'Classe (besoin / soutien)',
      value: (r) => {
        if (isSupportSecret(r, opts.supportId)) return SECRET_LABEL;
        const c = opts.result?.classes.get(r.code);
        return c ? `besoin ${TERCILE_LABELS[c.needClass]}, soutien ${TERCILE_LABELS[c.supportClass]}` : 'non classé';
      },
      display: (r) => {
        if (isSupportSecret(r, opts.supportId)) return SECRET_LABEL;
        const c = opts.result?.classes.get(r.code);
        return c ? `${TERCILE_LABELS[c.needClass]} / ${TERCILE_LABELS[c.supportClass]}` : '–';
      },
    },
    { key: 'figures.companies', header: 'Entreprises soutenues', numeric: true, value: (r) => masked(r).companies, display: (r) => displayValue(masked(r).companies, formatInt) },
    { key: 'figures.jobs', header: 'Emplois créés', numeric: true, value: (r) => masked(r).jobs, display: (r) => displayValue(masked(r).jobs, formatInt) },
    { key: 'figures.amountEur', header: 'Montant (€)', numeric: true, value: (r) => masked(r).amountEur, display: (r) => displayValue(masked(r).amountEur, formatEur) },
    { key: 'figures.jobsCut', header: 'Emplois supprimés', numeric: true, value: (r) => r.figures.jobsCut, display: (r) => formatInt(r.figures.jobsCut) },
    {
      key: 'coverage',
      header: 'Couverture (emplois créés / supprimés)',
      numeric: true,
      decimals: 2,
      value: (r) => (isSecret(masked(r).jobs) ? masked(r).jobs : coverage(r)),
      display: (r) => (isSecret(masked(r).jobs) ? displayValue(masked(r).jobs) : coverage(r) === null ? '–' : formatPercentWhole(coverage(r)!)),
    },
    { key: 'population', header: 'Population', numeric: true, value: (r) => r.population, display: (r) => (r.population === null ? '–' : formatInt(r.population)) },
  ];
}
