import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from '../../src/lib/import/csv.ts';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes and delimiters inside quotes', () => {
    const r = parseCsv('a;b;c\n"x;y";"il a dit ""oui""";3\n');
    expect(r.delimiter).toBe(';');
    expect(r.records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x;y', 'il a dit "oui"', '3'], line: 2 },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('numbers records as spreadsheet rows: a quoted cell with line breaks (CRLF, LF, CR) is one row', () => {
    const text = 'nom;adresse;cp\r\nA;"1 rue X\r\nBât. B";13001\r\nB;"2 rue Y\nEsc. 3\rApt 4";13002\r\nC;z;13003';
    const r = parseCsv(text);
    expect(r.records.map((x) => [x.fields[0], x.line])).toEqual([['nom', 1], ['A', 2], ['B', 3], ['C', 4]]);
    expect(r.records[1].fields[1]).toBe('1 rue X\r\nBât. B');
    expect(r.records[2].fields[1]).toBe('2 rue Y\nEsc. 3\rApt 4');
  });

  it('supports CR-only line ends and skips empty / separator-only lines', () => {
    const r = parseCsv('a,b\r1,2\r\r;\r,\r3,4');
    expect(r.delimiter).toBe(',');
    expect(r.records.map((x) => [x.fields, x.line])).toEqual([[['a', 'b'], 1], [['1', '2'], 2], [[';'], 4], [['3', '4'], 6]]);
  });

  it('sniffs ; , and tab, ignoring delimiters inside quotes and decimal commas', () => {
    expect(sniffDelimiter('nom;montant;date\nA;12,5;2022\nB;3,25;2023\n')).toBe(';');
    expect(sniffDelimiter('nom,montant\n"A; B","12,5"\n"C; D",3\n')).toBe(',');
    expect(sniffDelimiter('nom\tmontant\tcp\nA, SA\t12,5\t13001\nB\t3\t13002\n')).toBe('\t');
    expect(sniffDelimiter('nom;montant;\nA;12;\nB;3;;;\n')).toBe(';');
  });

  it('tolerates trailing separators', () => {
    const r = parseCsv('a;b;;\n1;2;;\n');
    expect(r.records[1].fields).toEqual(['1', '2', '', '']);
  });

  it('reports an unbalanced quote on its line and keeps the following records', () => {
    const r = parseCsv('a;b\n1;ok\n2;"never closed\n3;fine\n4;also fine\n');
    expect(r.errors).toEqual([{ line: 3, message: 'Guillemet non fermé : ligne ignorée' }]);
    expect(r.records.map((x) => [x.fields[0], x.line])).toEqual([['a', 1], ['1', 2], ['3', 4], ['4', 5]]);
  });

  it('parses 100k rows with quoted fields, keeping line numbers (speed: npm run bench)', () => {
    const line = 'Entreprise "X";"12 500,00 €";13001;"adresse; avec ""guillemets"""\n';
    const text = 'nom;montant;cp;adresse\n' + line.repeat(100_000);
    const r = parseCsv(text);
    expect(r.records.length).toBe(100_001);
    expect(r.records[100_000].line).toBe(100_001);
    expect(r.records[5].fields[3]).toBe('adresse; avec "guillemets"');
  });
});
