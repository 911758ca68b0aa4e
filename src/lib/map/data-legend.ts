// Legend sections for the data layers (choropleth classes and company symbols), built from the
// very objects the map draws from. Labels from the catalogue, in the language asked (French by default).

import { classifyMethods, indicatorLabel, legendIn, type Choropleth } from '../analysis/choropleth.ts';
import type { ClassifyMethod } from '../analysis/classify.ts';
import { messagesFor } from '../i18n/catalogue.ts';
import { numberFormats } from '../text/format.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { FUNDS } from '../domain/funds.ts';
import type { FundId } from '../domain/types.ts';
import type { LegendSection } from './legend-model.ts';
import { supportRadius } from './symbol-scale.ts';

/** Three round reference values (largest ≤ max) for the size legend. */
export function sizeSteps(maxJobs: number): number[] {
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000];
  const top = [...nice].reverse().find((n) => n <= maxJobs) ?? 1;
  return [...new Set([top, nice.filter((n) => n <= top / 4).pop() ?? 1, 1])].filter((n) => n <= maxJobs).sort((a, b) => b - a);
}

export function dataLegend(opts: {
  choropleth: Choropleth | null;
  method: ClassifyMethod;
  supports: { visible: boolean; maxJobs: number; funds: FundId[] };
  locale?: Locale;
}): LegendSection[] {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const t = messagesFor(locale).map.legend;
  const nf = numberFormats(locale);
  const sections: LegendSection[] = [];
  if (opts.supports.visible) {
    sections.push({
      id: 'supports-funds',
      title: t.fundsTitle,
      items: [
        ...FUNDS.filter((f) => opts.supports.funds.includes(f.id)).map((f) => ({ label: f.shortLabel, fill: f.color, stroke: '#ffffff', shape: 'circle' as const, size: 14 })),
        { label: t.cluster, fill: '#ffffff', stroke: '#161616', shape: 'circle' as const, size: 18 },
      ],
    });
    sections.push({
      id: 'supports-sizes',
      title: t.sizesTitle,
      items: sizeSteps(opts.supports.maxJobs).map((n) => ({
        label: t.jobs(n, nf.int(n)),
        fill: '#ffffff',
        stroke: '#161616',
        shape: 'circle' as const,
        size: Math.round(supportRadius(n, opts.supports.maxJobs) * 2) + 2,
      })),
    });
  }
  if (opts.choropleth) {
    const c = opts.choropleth;
    const methodLabel = classifyMethods(locale).find((m) => m.id === opts.method)?.label ?? '';
    sections.push({
      id: 'choropleth',
      title: t.choroplethTitle(indicatorLabel(c.indicator, locale), methodLabel),
      items: legendIn(c, locale).map((l) => ({ label: t.classItem(l.label, l.count), fill: l.color, stroke: '#929292' })),
    });
  }
  return sections;
}
