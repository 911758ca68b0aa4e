import { describe, expect, it } from 'vitest';
import { toReportBytes, toReportCsv } from '../../src/lib/import/report.ts';
import { csvCell } from '../../src/lib/text/csv.ts';

describe('report', () => {
  it('writes Ligne;Champ;Message with a BOM and CRLF', () => {
    const csv = toReportCsv([
      { row: 3, field: 'Montant', message: "« abc » n'est pas un nombre" },
      { row: 7, field: 'Code postal', message: 'Code postal 13100 partagé ; "précisez"' },
      { row: 0, field: 'Fonds', message: 'Aucune colonne' },
    ]);
    expect(csv).toBe(
      '\ufeffLigne;Champ;Message\r\n3;Montant;« abc » n\'est pas un nombre\r\n7;Code postal;"Code postal 13100 partagé ; ""précisez"""\r\nfichier;Fonds;Aucune colonne\r\n',
    );
    expect([...toReportBytes([]).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralises formula injection', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+33 4 91')).toBe("'+33 4 91");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });
});
