// Optional columns of the annual review: co-financing and company creation date.
import { describe, expect, it } from 'vitest';
import { recogniseColumns } from '../../src/lib/import/columns.ts';
import { parseCreationDate, readOptionalFields } from '../../src/lib/import/optional-fields.ts';
import { importFile, type ImportContext } from '../../src/lib/import/pipeline.ts';
import { fakeLocator, fixtureIndex } from '../fixtures/import/territories-fixture.ts';

const ctx: ImportContext = { index: fixtureIndex, locator: fakeLocator, now: new Date('2025-06-01T00:00:00Z') };

describe('optional review columns', () => {
  it('recognises co-financing and creation date headers, not as the amount or the date', () => {
    const m = recogniseColumns(['Raison sociale', 'Montant', 'Prêts bancaires (€)', 'Date', 'Date de création']).mapping;
    expect(m).toMatchObject({ amountEur: 1, cofinancing: 2, date: 3, companyCreated: 4 });
    const m2 = recogniseColumns(['Raison sociale', 'Montant du cofinancement', 'Montant', 'Année de création de la société']).mapping;
    expect(m2).toMatchObject({ cofinancing: 1, amountEur: 2, companyCreated: 3 });
  });

  it('reads creation dates from 1800 on, rejects impossible ones', () => {
    expect(parseCreationDate('15/03/1987', 2025)).toBe('1987-03-15');
    expect(parseCreationDate('1952', 2025)).toBe('1952-01-01');
    expect(parseCreationDate('2024-02-30', 2025)).toBeNull();
    expect(parseCreationDate('2030', 2025)).toBeNull();
    expect(parseCreationDate('hier', 2025)).toBeNull();
  });

  it('warns with the field name and keeps the row when a value is unreadable', () => {
    const warnings: string[] = [];
    const f = readOptionalFields({ cofinancing: 'beaucoup', companyCreated: 'jadis' }, (field, m) => warnings.push(`${field}: ${m}`), new Date('2025-01-01'));
    expect(f).toEqual({});
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Cofinancement: /);
    expect(warnings[1]).toMatch(/^Date de création: /);
  });

  it('flows through the import into the supports', () => {
    const csv = [
      'Raison sociale;Fonds;Montant;Date;Commune;Cofinancement (€);Date de création',
      'Alpha;AMPA;10 000;15/03/2022;La Ciotat;25 000,50;01/02/2019',
      'Beta;AMPA;5000;15/03/2022;La Ciotat;;',
      'Gamma;AMPA;5000;15/03/2022;La Ciotat;n/a;1850',
    ].join('\n');
    const r = importFile(new TextEncoder().encode(csv), 'a.csv', ctx);
    expect(r.valid).toBe(3);
    const [a, b, c] = r.dataset.supports;
    expect([a.cofinancingEur, a.companyCreated]).toEqual([25000.5, '2019-02-01']);
    expect(b.cofinancingEur).toBeUndefined();
    expect(b.companyCreated).toBeUndefined();
    expect([c.cofinancingEur, c.companyCreated]).toEqual([undefined, '1850-01-01']);
    expect(r.warnings.some((w) => w.row === 4 && w.field === 'Cofinancement')).toBe(true);
  });
});
