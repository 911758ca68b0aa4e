// Review tables (masking in public mode) and the XLSX writer, read back by the app's own reader.
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buildReview } from '../../src/lib/analysis/review.ts';
import { cellText, fundsTable, keyFiguresTable, reviewTables, territoriesTable, type Formatters } from '../../src/lib/analysis/review-tables.ts';
import { columnLetters, toXlsx, xmlEscape } from '../../src/lib/export/xlsx-export.ts';
import { listSheets, readSheet } from '../../src/lib/import/xlsx.ts';
import type { Support } from '../../src/lib/domain/types.ts';

const sup = (id: string, fund: Support['fund'], date: string, amountEur: number, jobs: number, communeCode = '13001'): Support => ({
  id, companyName: id, siret: null, naf: null, sector: 'C', sizeBand: 'pme', fund, amountEur, jobsPlanned: jobs, jobsAchieved: jobs,
  date, address: null, location: [5, 43], precision: 'point', communeCode, arrondissementCode: null, qpvCode: null, qpvSource: null,
  isMicroEntrepreneur: false,
});
// 2021: Airbus 3 companies (public), AMPA 1 company (secret in public mode).
const supports = [
  sup('a1', 'airbus', '2021-01-01', 10_000, 5),
  sup('a2', 'airbus', '2021-02-01', 20_000, 10),
  sup('a3', 'airbus', '2021-03-01', 30_000, 15),
  sup('m1', 'ampa', '2021-04-01', 50_000, 7, '13002'),
  sup('m0', 'ampa', '2020-04-01', 40_000, 4, '13002'),
];
const index = { communes: [{ code: '13001', rural: false }, { code: '13002', rural: true }] } as never;
const review = buildReview(supports, [], index, 2021)!;
const F: Formatters = { int: String, eur: (n) => `${n} €`, pct: (n) => `${Math.round(n * 100)} %`, ratio: (n) => n.toFixed(2), dec1: (n) => n.toFixed(1) };

describe('review tables', () => {
  it('internal mode shows every figure', () => {
    const t = fundsTable(review.yearScope, 'interne', 'x');
    const ampa = t.rows[0];
    expect(ampa.label).toBe('AMPA');
    expect(ampa.companies).toBe(1);
    expect(ampa.amountEur).toBe(50_000);
    expect(t.rows[3]).toMatchObject({ label: 'Total des trois fonds', companies: 4, jobs: 37, amountEur: 110_000 });
  });

  it('public mode masks a group of fewer than 3 companies, everything derived from it, and a complement', () => {
    const t = fundsTable(review.yearScope, 'public', 'x');
    const [ampa, airbus, adie, total] = t.rows;
    const cols = t.columns.filter((c) => c.key !== 'label');
    expect(cols.map((c) => cellText(ampa, c, F))).toEqual(Array(cols.length).fill('secret statistique'));
    // The total is shown, so AMPA = total − Airbus − ADIE: Airbus (the smallest non-empty fund) is hidden too.
    expect(cellText(airbus, t.columns.find((c) => c.key === 'jobs')!, F)).toBe('secret statistique');
    expect(cellText(adie, t.columns.find((c) => c.key === 'companies')!, F)).toBe('0');
    expect(cellText(total, t.columns.find((c) => c.key === 'jobs')!, F)).toBe('37');
    // Rural = the AMPA company only: shares masked too.
    const terr = territoriesTable(review.yearScope, 'public', 'y');
    expect(cellText(terr.rows[2], terr.columns.find((c) => c.key === 'shareJobs')!, F)).toBe('secret statistique');
  });

  it('key figures: change against N−1 as a share', () => {
    const t = keyFiguresTable(review, 'interne');
    const jobs = t.rows.find((r) => r.label === 'Emplois créés')!;
    expect(jobs).toMatchObject({ now: 37, before: 4, cumul: 41 });
    expect(jobs.change).toBeCloseTo(33 / 4, 10);
    expect(cellText(jobs, t.columns[1], F)).toBe('37');
    expect(cellText(t.rows.find((r) => r.label === 'Montant des aides (€)')!, t.columns[1], F)).toBe('110000 €');
  });

  it('every table has a unique id and rows matching its columns', () => {
    const tables = reviewTables(review, 'public');
    expect(new Set(tables.map((t) => t.id)).size).toBe(tables.length);
    for (const t of tables) for (const r of t.rows) for (const c of t.columns) expect(c.key in r).toBe(true);
  });
});

describe('XLSX writer', () => {
  it('column letters and XML escaping', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(xmlEscape('a<b & "c"\u0001')).toBe('a&lt;b &amp; &quot;c&quot;');
  });

  it('writes sheets the app’s own XLSX reader reads back (numbers as numbers, masked as text)', () => {
    const t = fundsTable(review.yearScope, 'public', 'x');
    const bytes = toXlsx([
      { name: 'Par fonds: 2021/cumul', columns: t.columns.map((c) => ({ header: c.header, value: (r: (typeof t.rows)[number]) => r[c.key] })), rows: t.rows },
      { name: 'Formules', columns: [{ header: 'Texte', value: (r: { v: string }) => r.v }], rows: [{ v: '=1+1' }, { v: 'Société <A&B>' }] },
    ]);
    expect(listSheets(bytes).map((s) => s.name)).toEqual(['Par fonds  2021 cumul', 'Formules']);
    const s1 = readSheet(bytes, 0);
    expect(s1.rows[0].slice(0, 3)).toEqual(['Fonds', 'Entreprises', 'Emplois prévus']);
    expect(s1.rows[1].slice(0, 2)).toEqual(['AMPA', 'secret statistique']);
    expect(s1.rows[2].slice(0, 2)).toEqual(['Airbus Développement', 'secret statistique']);
    expect(s1.rows[4].slice(0, 2)).toEqual(['Total des trois fonds', '4']);
    const s2 = readSheet(bytes, 1);
    expect(s2.rows.map((r) => r[0])).toEqual(['Texte', '=1+1', 'Société <A&B>']);
    // Numbers are <v> cells, text is inline (never a formula).
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<c r="B5"><v>4</v></c>');
    expect(strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml'])).not.toContain('<f>');
    // Deterministic bytes.
    expect(toXlsx([{ name: 'a', columns: [{ header: 'h', value: () => 1 }], rows: [{}] }])).toEqual(
      toXlsx([{ name: 'a', columns: [{ header: 'h', value: () => 1 }], rows: [{}] }]),
    );
  });
});
