// TEMPORARY STUB (app side of issue 12): the lead's engine replaces this file on merge.
// Same signature as the contract; only the frequency rule, no dominance, no secondary secrecy.

import { jobsOf, type Support } from '../domain/types.ts';
import type { TerritoriesIndex } from '../geodata/types.ts';
import { MEASURES, UNKNOWN_YEAR, type CellLevel, type ProtectedTables, type PublishedFigures, type Suppression } from './types.ts';

export function protectTables(supports: readonly Support[], index: TerritoriesIndex): ProtectedTables {
  const suppressions: Suppression[] = [];
  const communeOf = new Map(index.communes.map((c) => [c.code, c]));
  const cell = (level: CellLevel, code: string, rows: readonly Support[]): PublishedFigures => {
    const keys = new Set(rows.map((s) => s.siret ?? s.id));
    const f: PublishedFigures = { companies: keys.size, jobs: rows.reduce((a, s) => a + jobsOf(s), 0), amountEur: rows.reduce((a, s) => a + s.amountEur, 0) };
    if (keys.size > 0 && keys.size < 3) {
      for (const m of MEASURES) {
        f[m] = null;
        suppressions.push({ level, code, measure: m, reason: 'frequence' });
      }
    }
    return f;
  };
  const table = (level: CellLevel, codes: readonly string[], of: (s: Support) => string | null) =>
    Object.fromEntries(codes.map((c) => [c, cell(level, c, supports.filter((s) => of(s) === c))]));
  const years = [...new Set(supports.map((s) => (s.date ? s.date.slice(0, 4) : UNKNOWN_YEAR)))];
  return {
    departement: cell('departement', 'departement', supports),
    epci: table('epci', index.epci.map((e) => e.code), (s) => communeOf.get(s.communeCode)?.epci ?? null),
    zonesEmploi: table('zonesEmploi', index.zonesEmploi.map((z) => z.code), (s) => communeOf.get(s.communeCode)?.ze ?? null),
    communes: table('communes', index.communes.map((c) => c.code), (s) => s.communeCode),
    arrondissements: table('arrondissements', index.arrondissements.map((a) => a.code), (s) => s.arrondissementCode),
    qpv: table('qpv', index.qpv.map((q) => q.code), (s) => s.qpvCode),
    rural: cell('rural', 'rural', supports.filter((s) => communeOf.get(s.communeCode)?.rural === true)),
    urban: cell('urban', 'urban', supports.filter((s) => communeOf.get(s.communeCode)?.rural === false)),
    funds: table('funds', ['ampa', 'airbus', 'adie'], (s) => s.fund) as ProtectedTables['funds'],
    years: table('years', years, (s) => (s.date ? s.date.slice(0, 4) : UNKNOWN_YEAR)),
    suppressions,
  };
}
