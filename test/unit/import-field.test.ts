// Issue 13 and issue 15.4: readers behind one interface, file rules, beneficiary columns, the
// Diffusion column, optional dates, merging several files, the neighbours' communes check.
import { describe, expect, it } from 'vitest';
import { filterSupports, undatedCount, yearsOf } from '../../src/lib/analysis/filter.ts';
import { luhnCheckDigit } from '../../src/lib/domain/siret.ts';
import type { Support } from '../../src/lib/domain/types.ts';
import { fieldByName, headerSignature, recogniseColumns } from '../../src/lib/import/columns.ts';
import { mergeImports } from '../../src/lib/import/merge.ts';
import { OutsideChecker } from '../../src/lib/import/outside.ts';
import { importFile, type ImportContext } from '../../src/lib/import/pipeline.ts';
import { openTable, type RowGeometry } from '../../src/lib/import/readers.ts';
import { diagnoseFile, FILE_RULES } from '../../src/lib/import/rules.ts';
import { fakeLocator, fixtureIndex } from '../fixtures/import/territories-fixture.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const ctx: ImportContext = { index: fixtureIndex, locator: fakeLocator, now: new Date('2025-06-01T00:00:00Z') };
const run = (csv: string, extra: Partial<ImportContext> = {}) => importFile(enc(csv), 'aides.csv', { ...ctx, ...extra });
const siret = (n: number) => {
  const body = String(6000000000000 + n * 7919);
  return body + luhnCheckDigit(body);
};

describe('readers: one interface for CSV, XLSX and GeoJSON', () => {
  const collect = (bytes: Uint8Array, name: string) => {
    const reader = openTable(bytes, name);
    const rows: [string[], number, RowGeometry | null | undefined][] = [];
    const errors = reader.read((cells, row, g) => rows.push([cells.slice(), row, g]));
    return { reader, rows, errors };
  };

  it('CSV rows carry their spreadsheet row: a quoted cell with a line break is one row', () => {
    const { reader, rows } = collect(enc('a;b\n1;"x\ny"\n2;z\n'), 'f.csv');
    expect(reader.format).toBe('csv');
    expect(reader.rowWord).toBe('ligne');
    expect(rows.map((r) => [r[0][0], r[1]])).toEqual([['a', 1], ['1', 2], ['2', 3]]);
    expect(reader.delimiter).toBe(';');
  });

  it('GeoJSON rows carry their feature number and the coordinates as numbers; a crs EPSG:2154 marks Lambert-93', () => {
    const doc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } },
      features: [
        { type: 'Feature', properties: { nom: 'A' }, geometry: { type: 'Point', coordinates: [893000.123456789, 6247000.5] } },
        { type: 'Feature', properties: { nom: 'B' }, geometry: null },
      ],
    };
    const { reader, rows } = collect(enc(JSON.stringify(doc)), 'f.geojson');
    expect(reader.rowWord).toBe('élément');
    expect(reader.headers).toEqual(['nom']);
    expect(rows[0][2]).toEqual({ a: 893000.123456789, b: 6247000.5, kind: 'xy' });
    expect(rows[1][2]).toBeNull();
    expect(reader.rowErrors?.get(2)?.[0].message).toBe('Entité sans géométrie');
    expect(() => openTable(enc(JSON.stringify({ ...doc, crs: { type: 'name', properties: { name: 'EPSG:3857' } } })), 'f.geojson')).toThrow(
      /Système de coordonnées EPSG:3857 non pris en charge/,
    );
  });
});

describe('file rules (declarative table)', () => {
  it('each rule has a key, a test and a message; blocking rules say what to add', () => {
    for (const r of FILE_RULES) expect(r.key && r.message && typeof r.test === 'function').toBeTruthy();
    const failed = diagnoseFile({ mapping: { companyName: 0 }, hasGeometry: false });
    expect(failed.map((r) => [r.key, r.blocking])).toEqual([['location', true], ['fund', true], ['amount', false], ['date', false]]);
    expect(diagnoseFile({ mapping: { companyName: 0, amountEur: 1, date: 2 }, hasGeometry: true, defaultFund: 'adie' })).toEqual([]);
  });

  it('a file without a location column: one file-level error, no error per row', () => {
    const r = run('Raison sociale;Fonds;Montant;Date\nA;adie;5;2024\nB;adie;6;2024\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 0, field: 'Localisation' });
    expect(r.rejected).toBe(2);
  });
});

describe('columns: the beneficiary, not the grant-giver', () => {
  it('SCDL long titles and the Etalab 2017 format', () => {
    const scdl = recogniseColumns(["Identification de l'attributaire (SIRET)", 'Identification du bénéficiaire', 'Nom du bénéficiaire', 'Date de la convention de subvention']);
    expect(scdl.mapping).toEqual({ siret: 1, companyName: 2, date: 3 });
    expect(scdl.grantor).toEqual(["Identification de l'attributaire (SIRET)"]);
    expect(scdl.choices[0]).toMatchObject({ field: 'siret', used: 'Identification du bénéficiaire' });
    const etalab = recogniseColumns(['COLL_NOM', 'COLL_SIRET', 'ATTRIB_NOM', 'ATTRIB_SIRET', 'SUB_MONTANT', 'ACTE_DATE']);
    expect(etalab.mapping).toEqual({ fundIssuer: 0, companyName: 2, siret: 3, amountEur: 4, date: 5 });
    // A lone grant-giver SIRET is never read as the company's.
    expect(recogniseColumns(['idAttribuant', 'nomBeneficiaire']).mapping).toEqual({ companyName: 1 });
  });

  it('two columns competing for one field: which one was used and why', () => {
    const r = recogniseColumns(['Date', 'Date de signature']);
    expect(r.choices).toEqual([{ field: 'date', used: 'Date de signature', others: ['Date'], reason: 'intitulé plus précis' }]);
  });

  it('overrides (--map, the mapping step) and the header signature', () => {
    const r = recogniseColumns(['Nom', 'Lieu'], { communeCode: 'lieu' });
    expect(r.mapping).toEqual({ companyName: 0, communeCode: 1 });
    expect(() => recogniseColumns(['Nom'], { communeCode: 'Absente' })).toThrow(/Colonne « Absente » introuvable pour le champ Code INSEE/);
    expect(fieldByName('Code INSEE')).toBe('communeCode');
    expect(fieldByName('siret')).toBe('siret');
    expect(headerSignature(['Raison sociale', 'Lieu'])).toBe(headerSignature(['RAISON SOCIALE', 'lieu ']));
  });
});

describe('rows: Diffusion column, optional date', () => {
  it('Diffusion: oui/non, o/n, 1/0, vrai/faux; default non; Publication is recognised too', () => {
    const values = ['oui', 'non', 'o', 'n', '1', '0', 'vrai', 'faux', ''];
    const csv = ['Raison sociale;Fonds;Montant;Date;Commune;Publication', ...values.map((v, i) => `E${i};adie;${i + 1};2024;Aubagne;${v}`)].join('\n');
    const r = run(csv);
    expect(r.dataset.supports.map((s) => s.publishable)).toEqual([true, false, true, false, true, false, true, false, false]);
    expect(r.consenting).toBe(4);
    // Without the column, nothing is said about consent (absent = non).
    expect(run('Raison sociale;Fonds;Montant;Date;Commune\nA;adie;1;2024;Aubagne\n').dataset.supports[0]).not.toHaveProperty('publishable');
  });

  it('a row without a date is kept with a warning; a file without a date column is said once', () => {
    const r = run('Raison sociale;Fonds;Montant;Date;Commune\nA;adie;1;;Aubagne\nB;adie;2;2024;Aubagne\n');
    expect([r.valid, r.undated]).toEqual([2, 1]);
    expect(r.dataset.supports[0].date).toBe('');
    expect(r.warnings).toContainEqual({ row: 2, field: 'Date', message: 'date non renseignée : ligne comptée sous « année non renseignée »' });
    const noColumn = run('Raison sociale;Fonds;Montant;Commune\nA;adie;1;Aubagne\nB;adie;2;Aubagne\n');
    expect([noColumn.valid, noColumn.undated]).toEqual([2, 2]);
    expect(noColumn.warnings.filter((w) => w.field === 'Date')).toEqual([
      { row: 0, field: 'Date', message: 'aucune colonne de date : les lignes sont comptées sous « année non renseignée »' },
    ]);
  });

  it('filters keep undated rows unless asked not to; years leave them out', () => {
    const rows = [{ date: '' }, { date: '2021-01-01' }, { date: '2023-05-01' }] as Support[];
    expect(yearsOf(rows)).toEqual([2021, 2023]);
    expect(undatedCount(rows)).toBe(1);
    expect(filterSupports(rows, { yearFrom: 2022 }).map((s) => s.date)).toEqual(['', '2023-05-01']);
    expect(filterSupports(rows, { yearFrom: 2022, undated: false }).map((s) => s.date)).toEqual(['2023-05-01']);
  });
});

describe('SIRET saved as a number by a spreadsheet (real Poitiers export)', () => {
  it('is read when its digits survived, refused with the reason otherwise', async () => {
    const { parseSiret } = await import('../../src/lib/import/values.ts');
    const good = siret(9);
    expect(parseSiret(`${good}.0`)).toMatchObject({ ok: true, value: good });
    expect(parseSiret('45032466000000.0')).toEqual({
      ok: false,
      reason: '« 45032466000000.0 » : SIRET enregistré comme nombre par un tableur, ses derniers chiffres sont perdus ; saisissez-le comme texte',
    });
  });
});

describe('several files, one dataset', () => {
  it('merges, reports duplicates across files and leaves exact ones out', () => {
    const a = run(`Raison sociale;SIRET;Fonds;Montant;Date;Commune\nA;${siret(1)};ampa;100;2024;Aubagne\nB;${siret(2)};ampa;200;2024;Aubagne\n`);
    const b = run(`Raison sociale;SIRET;Fonds;Montant;Date;Commune\nA;${siret(1)};ampa;100;2024;Aubagne\nB;${siret(2)};ampa;250;2024;Aubagne\nC;${siret(3)};adie;5;2024;Aubagne\n`);
    const m = mergeImports([
      { fileName: 'ampa.csv', dataset: a.dataset },
      { fileName: 'autre.csv', dataset: b.dataset },
    ]);
    expect(m.dataset.supports.map((s) => s.id)).toEqual(['1-2', '1-3', '2-3', '2-4']);
    expect(m.counts).toEqual([{ fileName: 'ampa.csv', supports: 2, excluded: 0 }, { fileName: 'autre.csv', supports: 2, excluded: 1 }]);
    expect(m.duplicates.map((d) => `${d.fileName}:${d.row}:${d.excluded}:${d.message}`)).toEqual([
      'autre.csv:2:true:doublon de ampa.csv, ligne 2 (même SIRET, date, montant et fonds) : ligne non comptée une seconde fois',
      'autre.csv:3:false:même SIRET que ampa.csv, ligne 3 (montants 200 € et 250 €) : les deux lignes sont conservées',
    ]);
    // One file: ids unchanged.
    expect(mergeImports([{ fileName: 'ampa.csv', dataset: a.dataset }]).dataset.supports.map((s) => s.id)).toEqual(['2', '3']);
  });
});

describe('OutsideChecker', () => {
  const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
  const checker = new OutsideChecker({
    index: { departements: { '30': 'Gard' }, communes: { '30117': 'Fourques' }, postalCodes: {} },
    neighbours: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '30117', nom: 'Fourques', dep: '30' }, geometry: { type: 'Polygon', coordinates: square(4.5, 43.6, 0.1) } }],
    },
    communes: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '13004' } as never, geometry: { type: 'Polygon', coordinates: square(4.62, 43.6, 0.1) } }],
    },
  });

  it('finds the neighbouring commune containing a point, and one nearer than the commune a point was snapped to', () => {
    expect(checker.neighbourAt([4.55, 43.65])?.code).toBe('30117');
    expect(checker.neighbourAt([4.7, 43.65])).toBeNull();
    // In the gap between both: 0.5 km from Fourques, 1.1 km from the commune of 13.
    expect(checker.nearerNeighbour([4.6065, 43.65], '13004', 2)?.code).toBe('30117');
    expect(checker.nearerNeighbour([4.615, 43.65], '13004', 2)).toBeNull();
    expect(checker.communeLabel('30117')).toBe('Fourques (Gard, 30117)');
    expect(checker.communeLabel('30999')).toBe('code INSEE 30999 (Gard)');
  });
});
