// Legend sections for the data layers (choropleth classes and company symbols), built from the
// very objects the map draws from.

import type { Choropleth } from '../analysis/choropleth.ts';
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
  methodLabel: string;
  supports: { visible: boolean; maxJobs: number; funds: FundId[] };
}): LegendSection[] {
  const sections: LegendSection[] = [];
  if (opts.supports.visible) {
    sections.push({
      id: 'supports-funds',
      title: 'Entreprises soutenues, par fonds',
      items: [
        ...FUNDS.filter((f) => opts.supports.funds.includes(f.id)).map((f) => ({ label: f.shortLabel, fill: f.color, stroke: '#ffffff', shape: 'circle' as const, size: 14 })),
        { label: 'Groupe d’entreprises proches (nombre au centre, surface selon les emplois)', fill: '#ffffff', stroke: '#161616', shape: 'circle' as const, size: 18 },
      ],
    });
    sections.push({
      id: 'supports-sizes',
      title: 'Emplois créés (surface du cercle)',
      items: sizeSteps(opts.supports.maxJobs).map((n) => ({
        label: `${n} emploi${n > 1 ? 's' : ''}`,
        fill: '#ffffff',
        stroke: '#161616',
        shape: 'circle' as const,
        size: Math.round(supportRadius(n, opts.supports.maxJobs) * 2) + 2,
      })),
    });
  }
  if (opts.choropleth) {
    const c = opts.choropleth;
    sections.push({
      id: 'choropleth',
      title: `Communes : ${c.indicator.label} (${opts.methodLabel.toLowerCase()})`,
      items: c.legend.map((l) => ({ label: `${l.label} (${l.count} commune${l.count > 1 ? 's' : ''})`, fill: l.color, stroke: '#929292' })),
    });
  }
  return sections;
}
