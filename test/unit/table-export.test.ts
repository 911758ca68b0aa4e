import { describe, expect, it } from 'vitest';
import { exportFileName, formatCsvNumber, toExcelCsv, toGeoExportRows, toGeoJsonExport, type ExportColumn } from '../../src/lib/export/table-export.ts';
import { maskFigures } from '../../src/lib/domain/privacy.ts';

interface Row {
  name: string;
  jobs: number | null;
  ratio: number;
}
const columns: ExportColumn<Row>[] = [
  { header: 'Commune', value: (r) => r.name },
  { header: 'Emplois créés', value: (r) => r.jobs },
  { header: 'Ratio', value: (r) => r.ratio },
];
const decode = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('toExcelCsv', () => {
  it('writes UTF-8 with BOM, ";" separators and CRLF', () => {
    const bytes = toExcelCsv(columns, [{ name: 'Aix-en-Provence', jobs: 12, ratio: 0.5 }]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(bytes)).toBe('\ufeffCommune;Emplois créés;Ratio\r\nAix-en-Provence;12;0,5\r\n');
  });

  it('writes numbers with a decimal comma and no thousands separator', () => {
    expect(formatCsvNumber(1234567.891)).toBe('1234567,891');
    expect(formatCsvNumber(1_500_000)).toBe('1500000');
    expect(formatCsvNumber(-12.5)).toBe('-12,5');
    expect(formatCsvNumber(0.1 + 0.2)).toBe('0,3');
    expect(formatCsvNumber(2 / 3, 2)).toBe('0,67');
    expect(formatCsvNumber(-0.0000001)).toBe('0');
    expect(formatCsvNumber(1e-7, 8)).toBe('0,00000010');
    expect(formatCsvNumber(NaN)).toBe('');
    const text = decode(toExcelCsv(columns, [{ name: 'X', jobs: 1234567, ratio: -3.25 }]));
    expect(text).toContain('X;1234567;-3,25\r\n');
  });

  it('neutralises formula injection in text cells', () => {
    const payloads = ['=HYPERLINK("http://x")', '+cmd', '-1+2', '@SUM(A1)', '\tTAB', '\rCR'];
    const text = decode(toExcelCsv(columns, payloads.map((name) => ({ name, jobs: null, ratio: 1 }))));
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")";;1`);
    expect(lines[2]).toBe("'+cmd;;1");
    expect(lines[3]).toBe("'-1+2;;1");
    expect(lines[4]).toBe("'@SUM(A1);;1");
    expect(lines[5]).toBe("'\tTAB;;1");
    expect(text).toContain(`"'\rCR";;1`);
    // No cell starts with a formula character.
    for (const line of lines.slice(1, 5)) for (const c of line.split(';')) expect(c.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
  });

  it('neutralises the headers too, and quotes separators, quotes and line breaks', () => {
    const cols: ExportColumn<{ v: string }>[] = [{ header: '=bad', value: (r) => r.v }];
    const text = decode(toExcelCsv(cols, [{ v: 'a;b' }, { v: 'dit "bonjour"' }, { v: 'ligne 1\nligne 2' }]));
    expect(text).toBe(`\ufeff'=bad\r\n"a;b"\r\n"dit ""bonjour"""\r\n"ligne 1\nligne 2"\r\n`);
  });

  it('exports masked values as their display string, nulls as empty cells', () => {
    const m = maskFigures({ companies: 2, jobs: 9, amountEur: 50_000, population: 100, jobsPer1000: 90, eurPerJob: 5_555, jobsCut: 0, layoffs: 0, secret: { companies: true, jobs: true, amountEur: true } });
    const cols: ExportColumn<typeof m>[] = [
      { header: 'Entreprises', value: (r) => r.companies },
      { header: 'Montant', value: (r) => r.amountEur },
      { header: 'Emplois supprimés', value: (r) => r.jobsCut },
      { header: 'Vide', value: () => null },
      { header: 'Oui', value: () => true },
    ];
    expect(decode(toExcelCsv(cols, [m]))).toBe('\ufeffEntreprises;Montant;Emplois supprimés;Vide;Oui\r\nsecret statistique;secret statistique;0;;oui\r\n');
  });
});

describe('toGeoJsonExport', () => {
  it('writes features with geometry or point, numbers as numbers, secrets as strings', () => {
    const secret = { secret: true as const, display: '< 3' };
    const text = toGeoJsonExport([
      { point: [5.123456789, 43.1], properties: { nom: 'A', emplois: 3.5, entreprises: secret, vide: undefined } },
      { geometry: { type: 'Polygon', coordinates: [[[5, 43], [5.00000049, 43], [5, 43.1], [5, 43]]] }, properties: { nom: 'B' } },
      { properties: { nom: 'sans géométrie', x: NaN } },
    ]);
    const fc = JSON.parse(text);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(3);
    expect(fc.features[0]).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [5.123457, 43.1] },
      properties: { nom: 'A', emplois: 3.5, entreprises: '< 3', vide: null },
    });
    expect(fc.features[1].geometry.coordinates[0][1]).toEqual([5, 43]);
    expect(fc.features[2].geometry).toBeNull();
    expect(fc.features[2].properties.x).toBeNull();
  });

  it('builds rows from the CSV columns', () => {
    const rows = toGeoExportRows(columns, [{ name: 'A', jobs: 2, ratio: 1 }], () => [5, 43]);
    expect(rows).toEqual([{ point: [5, 43], properties: { Commune: 'A', 'Emplois créés': 2, Ratio: 1 } }]);
    const fc = JSON.parse(toGeoJsonExport(rows));
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [5, 43] });
  });
});

describe('exportFileName', () => {
  it('slugs the name and dates it', () => {
    expect(exportFileName('Écarts — communes', 'csv', new Date('2025-05-01T10:00:00Z'))).toBe('fonds-revitalisation-13_ecarts-communes_2025-05-01.csv');
  });
});
