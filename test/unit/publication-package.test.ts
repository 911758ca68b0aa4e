// parsePublishedDataset: a package from outside is checked field by field and copied through a
// whitelist (src/lib/publication/package.ts).
import { describe, expect, it } from 'vitest';
import { PackageError, isPublicationPackage, parsePublishedDataset } from '../../src/lib/publication/package.ts';
import type { PublishedDataset } from '../../src/lib/publication/types.ts';

const f = (companies: number | null, jobs: number | null, amountEur: number | null) => ({ companies, jobs, amountEur });
const pkg = (): PublishedDataset => ({
  format: 'carte-fonds-revitalisation-13/publication',
  version: 1,
  date: '2026-11-30',
  sources: ['fonds.csv'],
  demo: false,
  tables: {
    departement: f(4, 10, 12345.67),
    epci: { '200054807': f(4, 10, 12345.67) },
    zonesEmploi: { '9312': f(4, 10, 12345.67) },
    communes: { '13055': f(3, 8, 10000), '13004': f(null, null, null) },
    arrondissements: { '13201': f(3, 8, null) },
    qpv: {},
    rural: f(null, null, null),
    urban: f(4, 10, 12345.67),
    funds: { ampa: f(4, 10, 12345.67), airbus: f(0, 0, 0), adie: f(0, 0, 0) },
    years: { '2022': f(4, 10, 12345.67) },
    suppressions: [{ level: 'communes', code: '13004', measure: 'jobs', reason: 'frequence' }],
  },
  companies: [
    {
      id: 'e1', name: 'Atelier', location: [5.38, 43.3], precision: 'point', communeCode: '13055', arrondissementCode: '13201',
      qpvCode: null, fund: 'ampa', year: 2022, jobs: 3, sector: 'C',
    },
  ],
  layoffs: { departement: { jobsCut: 10, layoffs: 1 }, communes: { '13055': { jobsCut: 10, layoffs: 1 } }, arrondissements: {} },
});

describe('parsePublishedDataset', () => {
  it('returns an equal copy of a valid package', () => {
    expect(parsePublishedDataset(JSON.parse(JSON.stringify(pkg())))).toEqual(pkg());
    expect(isPublicationPackage(pkg())).toBe(true);
    expect(isPublicationPackage({ type: 'FeatureCollection', features: [] })).toBe(false);
  });

  it('drops every field outside the contract, cuts source paths to names', () => {
    const p = pkg() as unknown as Record<string, unknown> & PublishedDataset;
    const tampered = {
      ...p,
      siret: '1',
      sources: ['C:\\Users\\agent\\Documents\\fonds.csv', '/home/agent/aides.xlsx'],
      companies: [{ ...p.companies[0], siret: '73000001047291', amountEur: 23456.78, address: '1 rue X' }],
      tables: { ...p.tables, communes: { '13055': { ...f(3, 8, 10000), detail: [1, 2] } } },
    };
    const out = parsePublishedDataset(tampered);
    const text = JSON.stringify(out);
    for (const s of ['siret', '73000001047291', '23456.78', 'rue X', 'detail', 'Users', 'home']) expect(text).not.toContain(s);
    expect(out.sources).toEqual(['fonds.csv', 'aides.xlsx']);
  });

  it('refuses, naming the field in French', () => {
    const bad = (mutate: (p: Record<string, any>) => void, message: string) => {
      const p = JSON.parse(JSON.stringify(pkg()));
      mutate(p);
      expect(() => parsePublishedDataset(p)).toThrow(PackageError);
      expect(() => parsePublishedDataset(p)).toThrow(message);
    };
    bad((p) => (p.version = 2), 'Paquet de publication invalide : version');
    bad((p) => (p.date = '30/11/2026'), 'date');
    bad((p) => (p.tables.communes['13055'].jobs = '8'), "tables.communes.13055.jobs n'est pas un nombre positif");
    bad((p) => (p.tables.communes['13055'].amountEur = -1), 'tables.communes.13055.amountEur');
    bad((p) => (p.companies[0].location = [5.38]), 'companies[0].location');
    bad((p) => (p.companies[0].fund = 'fse'), 'companies[0].fund');
    bad((p) => (p.tables.suppressions[0].reason = 'autre'), 'tables.suppressions[0].reason');
    bad((p) => (p.tables.communes = JSON.parse('{"__proto__": {"companies": 1, "jobs": 1, "amountEur": 1}}')), '__proto__');
    expect(() => parsePublishedDataset('texte')).toThrow('le fichier');
  });
});
