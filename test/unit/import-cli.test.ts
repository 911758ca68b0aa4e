// End-to-end check of cli/check-data.ts on the fixtures of test/fixtures/import/ (real geodata).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join('test', 'fixtures', 'import', name);
const maxYear = new Date().getFullYear() + 1;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'cli/check-data.ts', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function json(...args: string[]) {
  const r = await cli(...args, '--json');
  return { code: r.code, out: JSON.parse(r.stdout) };
}

beforeAll(() => {
  if (!existsSync(join(root, 'public/data/territoires.json')) && existsSync(join(root, 'geodata/ensure.ts'))) {
    execFileSync('npm', ['run', '--silent', 'geodata:ensure'], { cwd: root, stdio: 'inherit' });
  }
  // Never skip silently: the CLI needs the real layers.
  expect(existsSync(join(root, 'public/data/territoires.json')), 'public/data absent : lancez « npm run geodata »').toBe(true);
}, 600_000);

describe.concurrent('check-data CLI', () => {
  it('Windows-1252, semicolons, decimal commas', async () => {
    const { code, out } = await json(fixture('cp1252-semicolon.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 5, valid: 5, rejected: 0, errors: [], encoding: 'windows-1252', delimiter: ';' });
    expect(out.totals).toEqual({ companies: 5, jobs: 15, amountEur: 87751.25 });
    expect(out.byCommune).toEqual({
      '13028': { companies: 1, jobs: 3, amountEur: 12500.5 },
      '13055': { companies: 1, jobs: 4, amountEur: 40000 },
      '13092': { companies: 1, jobs: 5, amountEur: 25000 },
      '13096': { companies: 1, jobs: 1, amountEur: 3000 },
      '13109': { companies: 1, jobs: 2, amountEur: 7250.75 },
    });
    expect(out.rural).toEqual({ companies: 2, jobs: 3, amountEur: 10250.75 });
    expect(out.urban).toEqual({ companies: 3, jobs: 12, amountEur: 77500.5 });
    expect(out.byQpv).toEqual({});
  }, 60_000);

  it('Lambert-93 coordinates', async () => {
    const { code, out } = await json(fixture('lambert93.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 5, valid: 4, rejected: 1, delimiter: ',' });
    expect(out.errors).toEqual([{ row: 6, field: 'Localisation', message: 'Localisation hors des Bouches-du-Rhône (4.3601, 43.8367)' }]);
    expect(Object.keys(out.byCommune)).toEqual(['13001', '13004', '13028', '13055']);
    expect(out.totals).toEqual({ companies: 4, jobs: 22, amountEur: 215234.5 });
  }, 60_000);

  it('SCDL Subventions file with a duplicate and a shared postal code', async () => {
    const { code, out } = await json(fixture('scdl.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 7, valid: 5, rejected: 2 });
    expect(out.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[5, 'SIRET'], [7, 'Code postal']]);
    expect(out.errors[1].message).toMatch(/^Code postal 13100 partagé par plusieurs communes : .*Le Tholonet, précisez la commune$/);
    expect(out.warnings).toHaveLength(1);
    expect(out.totals.amountEur).toBe(143500);
  }, 60_000);

  it('broken rows: errors carry line numbers, good rows kept', async () => {
    const { code, out } = await json(fixture('broken-rows.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 12, valid: 4, rejected: 8 });
    expect(out.errors).toEqual([
      { row: 3, field: 'Montant', message: "« abc » n'est pas un nombre" },
      { row: 4, field: 'SIRET', message: 'SIRET invalide (clé de contrôle)' },
      { row: 5, field: 'Date', message: "« 31/02/2022 » n'est pas une date valide" },
      { row: 6, field: 'Montant', message: 'montant négatif' },
      { row: 7, field: 'Fonds', message: "« FSE » n'est pas un fonds reconnu (AMPA, Airbus, Adie)" },
      { row: 8, field: 'Commune', message: 'Commune « Paris » introuvable dans les Bouches-du-Rhône' },
      { row: 11, field: 'Date', message: `« 1999 » : date hors de la période plausible (2000–${maxYear})` },
      { row: 12, field: 'Ligne', message: 'Guillemet non fermé : ligne ignorée' },
    ]);
    expect(out.byCommune).toEqual({
      '13005': { companies: 2, jobs: 0, amountEur: 11500 },
      '13041': { companies: 1, jobs: 0, amountEur: 8000 },
      '13056': { companies: 1, jobs: 0, amountEur: 7000 },
    });
  }, 60_000);

  it('GeoJSON points', async () => {
    const { code, out } = await json(fixture('points.geojson'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 3, valid: 2, rejected: 1, format: 'geojson' });
  }, 60_000);

  it('readable summary in French', async () => {
    const r = await cli(fixture('broken-rows.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lignes lues : 12 — valides : 4 — refusées : 8');
    expect(r.stdout).toContain('ligne 3 — Montant : « abc » n\'est pas un nombre');
    expect(r.stdout).toContain('Aubagne (13005) : 2 entreprises, 0 emploi, 11\u202f500 €');
  }, 60_000);

  it('exit codes 1 (no valid row) and 2 (unreadable / no recognisable column)', async () => {
    const none = await json(fixture('no-columns.csv'));
    expect(none.code).toBe(2);
    expect(none.out).toEqual({ error: 'Aucune colonne reconnue (raison sociale ou SIRET, montant, localisation). Colonnes lues : Produit, Couleur, Poids.' });
    const zero = await json(fixture('zero-valid.csv'));
    expect(zero.code).toBe(1);
    expect(zero.out).toMatchObject({ rows: 2, valid: 0, rejected: 2 });
    const missing = await cli('test/fixtures/import/absent.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('impossible de lire le fichier');
    const noData = await json(fixture('broken-rows.csv'), '--data', 'test/fixtures/import');
    expect(noData.code).toBe(2);
    expect(noData.out.error).toContain('npm run geodata');
  }, 60_000);
});
