// The map's legend models write their labels in the interface language (French by default).
import { describe, expect, it } from 'vitest';
import { baseLegend, DEFAULT_VISIBILITY } from '../../src/lib/map/legend-model.ts';
import { dataLegend } from '../../src/lib/map/data-legend.ts';
import { buildChoropleth } from '../../src/lib/analysis/choropleth.ts';
import { emptyFigures } from '../../src/lib/analysis/types.ts';
import { messagesFor } from '../../src/lib/i18n/catalogue.ts';

const all = { ...DEFAULT_VISIBILITY, communes: true, qpv: true, rural: true, arrondissements: true, epci: true, zonesEmploi: true };

describe('legend models in French and English', () => {
  it('base layers: French by default, English when asked, same entries and colours', () => {
    const fr = baseLegend(all);
    const en = baseLegend(all, 'en');
    expect(fr.map((s) => s.title)).toEqual(['Quartiers prioritaires (QPV 2024)', 'Communes rurales (grille de densité INSEE)', 'Limites']);
    expect(en.map((s) => s.title)).toEqual(['Priority neighbourhoods (QPV 2024)', 'Rural communes (INSEE density grid)', 'Boundaries']);
    expect(en[1].items.map((i) => i.label)).toEqual(['Rural towns', 'Rural, dispersed housing', 'Rural, very dispersed housing']);
    expect(en.at(-1)!.items.at(-1)!.label).toBe('Bouches-du-Rhône département');
    expect(en.flatMap((s) => s.items.map((i) => i.fill))).toEqual(fr.flatMap((s) => s.items.map((i) => i.fill)));
    const frr = baseLegend({ ...all, ruralMode: 'frr' }, 'en');
    expect(frr[1].items.map((i) => i.label)).toEqual(['FRR+', 'FRR', 'Transitional FRR effects (former ZRR)', 'Former ZRR (until 30 June 2024)']);
  });

  it('data layers: funds keep their names, jobs and classes in English with English numbers', () => {
    const byCommune = Object.fromEntries([0, 3, 1200, 2500, 40].map((j, i) => [`C${i}`, emptyFigures({ jobs: j })]));
    const choropleth = buildChoropleth(byCommune, 'jobs', 'jenks', 3);
    const opts = { choropleth, method: 'jenks' as const, supports: { visible: true, maxJobs: 2500, funds: ['ampa', 'adie'] as ('ampa' | 'adie')[] } };
    const en = dataLegend({ ...opts, locale: 'en' });
    expect(en.map((s) => s.title)).toEqual([
      'Companies supported, by fund',
      'Jobs created (area of the circle)',
      'Communes: Jobs created (natural breaks (jenks))',
    ]);
    expect(en[0].items.map((i) => i.label)).toEqual(['AMPA', 'ADIE', 'Group of nearby companies (number in the centre, area by jobs)']);
    expect(en[1].items.map((i) => i.label)).toEqual(['2,000 jobs', '500 jobs', '1 job']);
    expect(en[2].items.map((i) => i.label)).toEqual(['over 1,200 to 2,500 (1 commune)', 'over 40 to 1,200 (1 commune)', '3 to 40 (2 communes)', 'None (1 commune)']);
    const fr = dataLegend(opts);
    expect(fr[2].title).toBe('Communes : Emplois créés (seuils naturels (jenks))');
    expect(fr[1].items.map((i) => i.label.replace(/\u202f/g, ' '))).toEqual(['2 000 emplois', '500 emplois', '1 emploi']);
    expect(fr[2].items.at(-1)!.label).toBe('Aucun (1 commune)');
  });

  it('router notices are written by the catalogue from the data', () => {
    expect(messagesFor('en').pages.notFound({ kind: 'commune', value: '99999' })).toBe('No commune in Bouches-du-Rhône has the code “99999”.');
    expect(messagesFor('fr').pages.notFound({ kind: 'page', value: 'x' })).toBe('La page « x » n’existe pas.');
  });
});
