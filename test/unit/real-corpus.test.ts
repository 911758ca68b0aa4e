// The corpus of real public files (test/fixtures/real/corpus.json): each file, imported with the
// app's code and the real geodata, gives the outcome recorded beside its provenance.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadImportContext, readDataFiles } from '../../cli/read-files.ts';
import { importFile, type ImportContext } from '../../src/lib/import/pipeline.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'test', 'fixtures', 'real');

interface Entry {
  file: string;
  repository: string;
  commit: string;
  path: string;
  licence: string;
  cut: string;
  what: string;
  expected: {
    rows: number;
    valid: number;
    encoding: string | null;
    delimiter: string | null;
    siret: string;
    companyName: string;
    grantor: string[];
    fileErrors: string[];
    rowErrors?: number;
    rowErrorsField?: string;
  };
}

const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Entry[];
let ctx: Pick<ImportContext, 'index' | 'locator' | 'outside'>;

beforeAll(() => {
  if (!existsSync(join(root, 'public/data/hors-departement.json'))) {
    execFileSync('npm', ['run', '--silent', 'geodata'], { cwd: root, stdio: 'inherit' });
  }
  ctx = loadImportContext(join(root, 'public/data'));
}, 600_000);

describe('corpus of real public files', () => {
  it('every file has its provenance (repository, 40-digit commit, path, licence, cut) and exists', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(8);
    for (const e of corpus) {
      expect(e.repository, e.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.commit, e.file).toMatch(/^[0-9a-f]{40}$/);
      expect(e.path && e.licence && e.cut && e.what, e.file).toBeTruthy();
      expect(existsSync(join(dir, e.file)), e.file).toBe(true);
    }
  });

  it.each(corpus.map((e) => [e.file, e] as const))('%s gives its recorded outcome', (_name, e) => {
    const r = importFile(new Uint8Array(readFileSync(join(dir, e.file))), e.file, { ...ctx, now: new Date('2025-06-01T00:00:00Z') });
    const x = e.expected;
    expect({ rows: r.rows, valid: r.valid, encoding: r.encoding, delimiter: r.delimiter }).toEqual({
      rows: x.rows, valid: x.valid, encoding: x.encoding, delimiter: x.delimiter,
    });
    // The beneficiary, never the grant-giver, and the report says why.
    expect(r.mapping.siret).toBe(x.siret);
    expect(r.mapping.companyName).toBe(x.companyName);
    expect(r.choices.find((c) => c.field === 'siret')?.others).toEqual(x.grantor);
    // Said once at the top (row 0), not once per row.
    expect(r.errors.filter((i) => i.row === 0).map((i) => i.field)).toEqual(x.fileErrors);
    expect(r.errors.filter((i) => i.row === 0 && i.field === 'Localisation')[0].message).toContain('ajoutez au fichier une colonne « Code INSEE »');
    const rowErrors = r.errors.filter((i) => i.row > 0);
    if (x.rowErrors !== undefined) expect(rowErrors).toHaveLength(x.rowErrors);
    if (x.rowErrorsField) expect(rowErrors.every((i) => i.field === x.rowErrorsField)).toBe(true);
    expect(rowErrors.every((i) => i.row > r.headerLine && i.row <= r.headerLine + r.rows)).toBe(true);
  });

  it('several real files read as one set (the shared reader of check-data and publish-site)', () => {
    const read = readDataFiles([join(dir, 'lot-2017.csv'), join(dir, 'somme-20180330.csv')], { dataDir: join(root, 'public/data') });
    expect(read.files.map((f) => f.ok && f.result.rows)).toEqual([13, 11]);
    expect(read.dataset.supports).toHaveLength(0);
  });
});
