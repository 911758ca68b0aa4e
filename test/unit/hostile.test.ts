// Hostile and broken inputs (test/fixtures/hostile/, made by make-hostile.ts) through importFile
// and, for a few, the check-data CLI. Every file: no exception other than ImportFatalError with a
// French message, clear French row messages, names kept as plain text, exports neutralised.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/lib/import/decode.ts';
import { ImportFatalError, importFile, type ImportContext, type ImportPhase, type ImportResult } from '../../src/lib/import/pipeline.ts';
import { toReportCsv } from '../../src/lib/import/report.ts';
import { csvCell } from '../../src/lib/text/csv.ts';
import { toExcelCsvText } from '../../src/lib/export/table-export.ts';
import { fakeLocator, fixtureIndex } from '../fixtures/import/territories-fixture.ts';
import { HOSTILE_DIR, HTML_COMMUNE, HTML_NAMES, INJECTION_NAMES, hostileFiles, siret, writeBigCsv } from '../fixtures/hostile/make-hostile.ts';

const ctx: ImportContext = { index: fixtureIndex, locator: fakeLocator, now: new Date('2025-06-01T00:00:00Z') };
const read = (name: string) => new Uint8Array(readFileSync(join(HOSTILE_DIR, name)));
const run = (name: string, extra: Partial<ImportContext> = {}): ImportResult => importFile(read(name), name, { ...ctx, ...extra });
const issues = (list: { row: number; field: string; message: string }[]) => list.map((e) => `${e.row}|${e.field}|${e.message}`);
const names = (r: ImportResult) => r.dataset.supports.map((s) => s.companyName);

/** The error thrown by `f`, asserting it is a French ImportFatalError. */
function fatal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFatalError);
    const m = (e as Error).message;
    expect(m).toMatch(/^[A-ZÀ-Ý]/);
    expect(m).toMatch(/fichier|classeur|ligne/i);
    return m;
  }
  throw new Error('ImportFatalError attendue');
}

describe('hostile corpus', () => {
  it('committed files are exactly what make-hostile.ts generates (deterministic)', () => {
    const files = hostileFiles();
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(18);
    for (const [name, bytes] of Object.entries(files)) {
      expect(existsSync(join(HOSTILE_DIR, name)), `${name} absent : npx tsx test/fixtures/hostile/make-hostile.ts`).toBe(true);
      expect(Buffer.from(read(name)).equals(Buffer.from(bytes)), `${name} differs from the generator`).toBe(true);
    }
    const again = hostileFiles();
    for (const [name, bytes] of Object.entries(files)) expect(Buffer.from(again[name]).equals(Buffer.from(bytes))).toBe(true);
  });

  it('every file either imports or fails with a French ImportFatalError, never anything else', () => {
    for (const name of Object.keys(hostileFiles())) {
      try {
        const r = run(name);
        expect(r.rows, name).toBe(r.valid + r.rejected);
      } catch (e) {
        expect(e, name).toBeInstanceOf(ImportFatalError);
      }
    }
  });
});

describe('broken CSV structure', () => {
  it('unbalanced quotes: the broken lines are rejected, the lines after them are kept', () => {
    const r = run('unbalanced-quotes.csv');
    expect(names(r)).toEqual(['Alpha', 'Gamma', 'Delta "Sud"', 'Epsilon SARL', 'Eta']);
    expect(issues(r.errors)).toEqual(['3|Ligne|Guillemet non fermé : ligne ignorée', '7|Ligne|Guillemet non fermé : ligne ignorée']);
    expect(r).toMatchObject({ rows: 7, valid: 5, rejected: 2 });
  });

  it('a newline inside a quoted field (LF, CRLF, lone CR) stays in its field; rows numbered as Excel shows them', () => {
    const r = run('newline-in-field.csv');
    expect(r).toMatchObject({ rows: 3, valid: 3, rejected: 0 });
    expect(r.dataset.supports.map((s) => [s.id, s.companyName, s.address])).toEqual([
      ['2', 'Société Nouvelle', '12 rue A Bâtiment B'],
      ['3', 'Deuxième', 'Zone des Paluds'],
      ['4', 'Troisième', null],
    ]);
  });

  it('10,000-character fields: no freeze, text kept with a warning, other fields rejected with short messages', () => {
    // A freeze (runaway regular expression) would hit the test's time-out; speed itself is benchmarked.
    const r = run('long-fields.csv');
    expect(r.rows).toBe(7);
    const long = r.dataset.supports.find((s) => s.id === '2')!;
    expect(long.companyName).toHaveLength(10_000);
    expect(long.address!.length).toBeGreaterThan(9_000);
    const quoted = r.dataset.supports.find((s) => s.id === '8')!;
    expect(quoted.companyName).toBe('x;";'.repeat(2000).trim());
    expect(issues(r.warnings)).toContain('2|Raison sociale|texte très long (10\u202f000 caractères) : conservé tel quel, vérifiez la ligne');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, 'Montant'], [4, 'Date'], [5, 'Commune'], [6, 'SIRET']]);
    // Messages quote a shortened value: the report stays readable.
    for (const e of r.errors) expect(e.message.length).toBeLessThan(200);
  });

  it('empty lines, separator-only lines and trailing separators are ignored', () => {
    const r = run('empty-lines.csv');
    expect(r).toMatchObject({ rows: 3, valid: 3, rejected: 0, errors: [] });
    expect(r.dataset.supports.map((s) => [s.id, s.companyName])).toEqual([['3', 'Alpha'], ['6', 'Beta'], ['9', 'Gamma']]);
  });

  it('a header repeated mid-file is rejected with « en-tête répété », the rows around it are kept', () => {
    const r = run('repeated-header.csv');
    expect(names(r)).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta']);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[4, 'Ligne'], [6, 'Ligne']]);
    for (const e of r.errors) expect(e.message).toContain('en-tête répété');
    expect(r).toMatchObject({ rows: 6, valid: 4, rejected: 2 });
  });
});

describe('encodings and non-text files', () => {
  it('a UTF-8 file with one Windows-1252 line: both decoded right, with a warning naming the line', () => {
    const r = run('mixed-encoding.csv');
    expect(names(r)).toEqual(['Société Générale Élan', 'Café de l’Étang', 'Crèche Noël']);
    expect(r.dataset.supports[1].amountEur).toBe(2000);
    expect(r.encoding).toBe('utf-8');
    expect(issues(r.warnings)).toEqual(['0|Encodage|encodage mixte : 1 ligne(s) non UTF-8 (3) lue(s) en Windows-1252, vérifiez leurs accents']);
  });

  it('mixed encoding after a UTF-8 BOM is decoded line by line too (no replacement characters)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...read('mixed-encoding.csv')]);
    const d = decodeText(bytes);
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true, windows1252Lines: [3] });
    expect(d.text).not.toContain('\ufffd');
    expect(d.text).toContain('Café de l’Étang');
  });

  it('a UTF-16 LE file (Excel « Texte Unicode », tabs)', () => {
    const r = run('utf16.csv');
    expect(r).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', valid: 2, rejected: 0 });
    expect(names(r)).toEqual(['Société Unicode', 'Œuvre Ça Été']);
  });

  it('binary, archive, empty and blank files: French fatal errors', () => {
    expect(fatal(() => run('binary.csv'))).toBe('Le fichier ne semble pas être un fichier texte (CSV)');
    expect(fatal(() => run('archive.csv'))).toContain('Classeur Excel');
    expect(fatal(() => run('empty.csv'))).toBe('Le fichier est vide.');
    expect(fatal(() => run('blank.csv'))).toBe('Le fichier ne contient aucune ligne.');
  });
});

describe('XLSX and GeoJSON', () => {
  it('XLSX: cached formula values only, formula text never used, merged cells read blank with a warning', () => {
    const r = run('formulas-merged.xlsx');
    expect(r.dataset.supports.map((s) => [s.id, s.companyName, s.amountEur])).toEqual([
      ['2', 'Lien Cache SARL', 12000],
      ['4', `Entreprise SIRET ${siret(3)}`, 3000], // formula without cached value: blank name
      ['6', '=1+1', 700], // a cached text result, kept as text (never evaluated)
    ]);
    expect(issues(r.errors)).toEqual([
      '3|Fonds|fonds manquant (AMPA, Airbus ou Adie)',
      '3|Montant|montant manquant',
      "5|Montant|« #DIV/0! » n'est pas un nombre",
    ]);
    expect(r.warnings.find((w) => w.field === 'Classeur')?.message).toContain('cellules fusionnées (C2:C3)');
    const all = JSON.stringify(r);
    for (const formula of ['HYPERLINK', 'SUM(', 'CONCAT', '12*1000', '1000*3']) expect(all).not.toContain(formula);
  });

  it('GeoJSON: invalid geometries rejected with French messages, 3D points accepted, no prototype pollution', () => {
    const r = run('geometries.geojson');
    expect(names(r)).toEqual(['Point Correct', 'Point 3D', 'Point 4D', 'Prototype', 'Imbriqué']);
    expect(r.dataset.supports[1].location).toEqual([5.44739, 43.52635]);
    const loc = r.errors.filter((e) => e.field === 'Localisation').map((e) => `${e.row}|${e.message}`);
    expect(loc).toEqual([
      '4|Géométrie invalide : coordonnées non numériques',
      '5|Géométrie invalide : coordonnées absentes ou incomplètes',
      '6|Entité sans géométrie',
      '7|coordonnées invalides (543.2, 95) : ni WGS84 ni Lambert-93',
      '8|Géométrie de type Polygon non prise en charge : seuls les points sont acceptés',
      '9|Géométrie de type GeometryCollection non prise en charge : seuls les points sont acceptés',
      '10|Géométrie de type Cercle non prise en charge : seuls les points sont acceptés',
      '11|Entité sans géométrie',
      '12|Entité invalide : ce n’est pas un objet « Feature »',
      '13|Entité invalide : ce n’est pas un objet « Feature »',
      '16|Géométrie de type MultiPoint non prise en charge : seuls les points sont acceptés',
    ]);
    expect(r).toMatchObject({ rows: 17, valid: 5, rejected: 12 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('GeoJSON: an absurdly nested property does not crash the import', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"Profond","fonds":"AMPA","montant":1,"date":"2023-01-01","x":${deep}},"geometry":{"type":"Point","coordinates":[5.3698,43.2951]}}]}`;
    const r = importFile(new TextEncoder().encode(text), 'profond.geojson', ctx);
    expect(names(r)).toEqual(['Profond']);
  });
});

describe('coordinates', () => {
  it('swapped latitude/longitude: fixed by default, counted in swappedRows, rejected when swapLatLon is false', () => {
    const r = run('swapped-latlon.csv');
    expect(r.swappedRows).toBe(2);
    expect(names(r)).toEqual(['Bon Ordre', 'Inversé Un', 'Inversé Deux']);
    expect(r.dataset.supports[1].location).toEqual([5.3698, 43.2951]);
    expect(r.warnings.filter((w) => w.message.includes('inversées')).map((w) => w.row)).toEqual([3, 4]);

    const kept = run('swapped-latlon.csv', { swapLatLon: false });
    expect(kept.swappedRows).toBe(0);
    expect(names(kept)).toEqual(['Bon Ordre']);
    expect(issues(kept.errors)).toEqual([
      '3|Localisation|Localisation hors des Bouches-du-Rhône (43.2951, 5.3698)',
      '4|Localisation|Localisation hors des Bouches-du-Rhône (43.52635, 5.44739)',
      '5|Localisation|Localisation hors des Bouches-du-Rhône (2.35, 48.85)',
    ]);
  });

  it('Lambert-93 metres in longitude/latitude columns: detected, reprojected, warned', () => {
    const r = run('lambert-as-wgs84.csv');
    expect(r).toMatchObject({ valid: 3, rejected: 0 });
    const [aix, marseille, swapped] = r.dataset.supports;
    expect(aix.location[0]).toBeCloseTo(5.44739, 4);
    expect(aix.location[1]).toBeCloseTo(43.52635, 4);
    expect(marseille.communeCode).toBe('13055');
    expect(swapped.location[0]).toBeCloseTo(5.44739, 4);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'coordonnées Lambert-93 dans les colonnes longitude/latitude : converties en WGS84',
      'coordonnées Lambert-93 dans les colonnes longitude/latitude : converties en WGS84',
      expect.stringContaining('X et Y Lambert-93 inversés'),
    ]);
    expect(r.swappedRows).toBe(1);
  });
});

describe('names from the file are plain text', () => {
  it('HTML and <script> in names are kept exactly, never altered or interpreted', () => {
    const r = run('html-names.csv');
    expect(names(r)).toEqual(HTML_NAMES);
    expect(issues(r.errors)).toEqual([`7|Commune|Commune « ${HTML_COMMUNE} » introuvable dans les Bouches-du-Rhône`]);
    // The report CSV keeps the text as text (no HTML escaping, nothing removed).
    const report = toReportCsv(r.errors);
    expect(report).toContain(`Commune « ${HTML_COMMUNE} » introuvable`);
    expect(report).not.toContain('&lt;');
  });

  it('formula-injection payloads: kept as text on import, neutralised in every CSV export', () => {
    const r = run('csv-injection.csv');
    // The tab of '\t=1+1' is whitespace: trimmed like any cell.
    expect(names(r)).toEqual([...INJECTION_NAMES.slice(0, 4), '=1+1']);
    expect(issues(r.errors)).toEqual(["7|Montant|« =1+2 » n'est pas un nombre"]);

    for (const n of [...INJECTION_NAMES, '=1+1']) expect(csvCell(n)).toMatch(/^"?'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");

    // Report CSV: an error row whose field or message starts with a formula character.
    const report = toReportCsv([{ row: 2, field: '=cmd', message: '@SUM(A1)' }]);
    expect(report.split('\r\n')[1]).toBe("2;'=cmd;'@SUM(A1)");

    // Table export of the imported supports (names as text, amounts as numbers).
    const csv = toExcelCsvText(
      [
        { header: 'Raison sociale', value: (s: (typeof r.dataset.supports)[number]) => s.companyName },
        { header: 'Montant', value: (s: (typeof r.dataset.supports)[number]) => s.amountEur },
      ],
      r.dataset.supports,
    );
    const lines = csv.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(lines).toEqual([
      'Raison sociale;Montant',
      `"'=HYPERLINK(""http://x"",""y"")";100`,
      "'+cmd|' /C calc'!A0;200",
      "'-2+3;300",
      "'@SUM(A1:A2);400",
      "'=1+1;500",
    ]);
    for (const line of lines.slice(1)) expect(line).toMatch(/^"?'/);
  });

  it('duplicate SIRETs with different amounts: both kept with a warning; the exact duplicate is rejected', () => {
    const r = run('duplicate-sirets.csv');
    expect(r.dataset.supports.map((s) => [s.id, s.amountEur])).toEqual([['2', 10000], ['3', 25000]]);
    expect(issues(r.warnings)).toEqual([
      '3|SIRET|même SIRET que la ligne 2 avec un montant différent (10\u202f000 € puis 25\u202f000 €) : les deux lignes sont conservées',
    ]);
    expect(issues(r.errors)).toEqual(['4|SIRET|doublon de la ligne 2 (même SIRET, date, montant et fonds)']);
  });
});

describe('big files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 50 MB CSV parses completely, counts its rows right and reports cheap, ordered progress', () => {
    const path = join(dir, 'gros-fichier.csv');
    const { rows, amountEur, size } = writeBigCsv(path);
    expect(size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const calls: [ImportPhase, number, number][] = [];
    const r = importFile(new Uint8Array(readFileSync(path)), 'gros-fichier.csv', ctx, (phase, done, total) => calls.push([phase, done, total]));
    expect(r.rows).toBe(rows);
    expect(r.valid).toBe(rows);
    expect(r.rejected).toBe(0);
    expect(r.dataset.supports.reduce((a, s) => a + s.amountEur, 0)).toBe(amountEur);
    // Progress: 'lecture' then 'analyse', fractions never going back, both phases complete.
    const phases = [...new Set(calls.map((c) => c[0]))];
    expect(phases).toEqual(['lecture', 'analyse']);
    let last = { phase: '', f: -1 };
    for (const [phase, done, total] of calls) {
      const f = done / total;
      if (phase === last.phase) expect(f).toBeGreaterThanOrEqual(last.f);
      last = { phase, f };
    }
    const [lastPhase, lastDone, lastTotal] = calls.at(-1)!;
    expect([lastPhase, lastDone]).toEqual(['analyse', lastTotal]);
    expect(calls.some(([p, d, t]) => p === 'lecture' && d === t)).toBe(true);
    // Cheap: a few hundred calls, not one per row.
    expect(calls.length).toBeLessThan(rows / 500);
  }, 180_000);
});

// The check-data CLI runs the same pipeline with the real geographic layers.
const root = join(import.meta.dirname, '..', '..');
function cli(file: string): Promise<{ code: number; out: any }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'cli/check-data.ts', join('test', 'fixtures', 'hostile', file), '--json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, out: JSON.parse(stdout) });
    });
  });
}

describe.concurrent('hostile files through the CLI', () => {
  it('binary file renamed .csv: exit 2 with the French message', async () => {
    const { code, out } = await cli('binary.csv');
    expect(code).toBe(2);
    expect(out).toEqual({ error: 'Le fichier ne semble pas être un fichier texte (CSV)' });
  }, 60_000);

  it('HTML names and repeated headers: same rows and messages as in the app', async () => {
    const [html, header, swapped] = await Promise.all([cli('html-names.csv'), cli('repeated-header.csv'), cli('swapped-latlon.csv')]);
    expect(html.code).toBe(0);
    expect(html.out).toMatchObject({ rows: 6, valid: 5, rejected: 1 });
    expect(html.out.errors[0].message).toBe(`Commune « ${HTML_COMMUNE} » introuvable dans les Bouches-du-Rhône`);
    expect(header.out).toMatchObject({ rows: 6, valid: 4, rejected: 2 });
    expect(header.out.errors.map((e: { message: string }) => e.message)).toEqual([
      "en-tête répété (ligne identique à la ligne d'en-tête) : ligne ignorée",
      "en-tête répété (ligne identique à la ligne d'en-tête) : ligne ignorée",
    ]);
    expect(swapped.out).toMatchObject({ rows: 4, valid: 3, rejected: 1 });
    expect(swapped.out.warnings.filter((w: { message: string }) => w.message.includes('inversées'))).toHaveLength(2);
  }, 90_000);
});
