// Two territories side by side (`#/comparer/<code>/<code>`): communes, Marseille arrondissements
// or EPCI, with the same figures as their profiles (territoryFigures / byEpci, masked by
// maskFigures in public mode) and the département as reference. Pure.

import type { TerritoriesIndex } from '../geodata/types.ts';
import type { AggregationResult } from './types.ts';
import { maskFigures } from '../domain/privacy.ts';
import { departementFigures, resolveProfile, territoryFigures, type Bbox, type ComparisonColumn, type ProfileTerritory } from './profile.ts';
import { emptyFigures } from './types.ts';
import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { profile as profileText } from '../i18n/messages/profile.ts';

export interface ComparedTerritory {
  kind: 'commune' | 'arrondissement' | 'epci';
  code: string;
  name: string;
  /** Short header ("Istres", "3e arr.", "CA Terre de Provence"). */
  shortName: string;
  population: number;
  bbox: Bbox;
  /** The commune profile, for communes and arrondissements. */
  profile: ProfileTerritory | null;
}

function unionBbox(boxes: readonly Bbox[]): Bbox {
  return boxes.reduce<Bbox>((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}

/** The territory of a code (commune, arrondissement or EPCI SIREN), or null when unknown. */
export function resolveCompared(code: string, index: TerritoriesIndex): ComparedTerritory | null {
  const epci = index.epci.find((e) => e.code === code);
  if (epci) {
    const members = index.communes.filter((c) => c.epci === code);
    return { kind: 'epci', code, name: epci.nom, shortName: epci.nom, population: epci.population, bbox: unionBbox(members.map((c) => c.bbox)), profile: null };
  }
  const p = resolveProfile(code, index);
  if (!p) return null;
  return { kind: p.kind, code: p.code, name: p.name, shortName: p.shortName, population: p.population, bbox: p.bbox, profile: p };
}

/** The two territories and the département, masked for the public mode. */
/** In public mode `agg` is the public aggregation (its figures carry the secrecy engine's flags). */
export function compareColumns(a: ComparedTerritory, b: ComparedTerritory, agg: AggregationResult, index: TerritoriesIndex): ComparisonColumn[] {
  const figures = (t: ComparedTerritory) =>
    t.profile ? territoryFigures(t.profile, agg) : (agg.byEpci[t.code] ?? emptyFigures({ population: t.population, jobsPer1000: 0 }));
  return [
    { id: 'a', label: a.shortName, fullName: a.name, figures: maskFigures(figures(a)) },
    { id: 'b', label: b.shortName, fullName: b.name, figures: maskFigures(figures(b)) },
    { id: 'departement', label: 'Département', fullName: index.departement.nom, figures: maskFigures(departementFigures(agg, index.departement.population)) },
  ];
}

/** Every territory a comparison can pick, for a select: communes (with Marseille's arrondissements) and EPCI. */
export function comparableOptions(index: TerritoriesIndex, locale: Locale = DEFAULT_LOCALE): { group: string; options: { code: string; name: string }[] }[] {
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name, 'fr');
  const g = profileText[locale].optionGroups;
  return [
    { group: g.communes, options: index.communes.map((c) => ({ code: c.code, name: c.nom })).sort(byName) },
    { group: g.arrondissements, options: index.arrondissements.map((x) => ({ code: x.code, name: x.nom })) },
    { group: g.epci, options: index.epci.map((e) => ({ code: e.code, name: e.nom })).sort(byName) },
  ];
}
