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
  }, 240_000);

  it('Lambert-93 coordinates', async () => {
    const { code, out } = await json(fixture('lambert93.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 5, valid: 4, rejected: 1, delimiter: ',' });
    // Inside a commune of the Gard listed in communes-voisines.geojson: named.
    expect(out.errors).toEqual([
      { row: 6, field: 'Localisation', message: 'commune hors des Bouches-du-Rhône : Nîmes (Gard, 30189), coordonnées 4.3601, 43.8367' },
    ]);
    expect(Object.keys(out.byCommune)).toEqual(['13001', '13004', '13028', '13055']);
    expect(out.totals).toEqual({ companies: 4, jobs: 22, amountEur: 215234.5 });
  }, 240_000);

  it('SCDL Subventions file with a duplicate and a shared postal code', async () => {
    const { code, out } = await json(fixture('scdl.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 7, valid: 5, rejected: 2 });
    expect(out.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[5, 'SIRET'], [7, 'Code postal']]);
    expect(out.errors[1].message).toMatch(/^Code postal 13100 partagé par plusieurs communes : .*Le Tholonet, précisez la commune$/);
    // The beneficiary's SIRET is read, never the grant-giver's, and the report says why.
    expect(out.mapping.siret).toBe('idBeneficiaire');
    expect(out.warnings.map((w: { row: number; message: string }) => `${w.row}|${w.message}`)).toEqual([
      "0|colonne « idBeneficiaire » retenue (SIRET du bénéficiaire ; les autres identifient l’attribuant de l’aide, pas l’entreprise) ; « idAttribuant » non utilisée",
      expect.stringMatching(/^6\|même SIRET que la ligne 2/),
    ]);
    expect(out.totals.amountEur).toBe(143500);
  }, 240_000);

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
      // Row 9 holds a quoted cell with a line break: one spreadsheet row, as Excel shows it.
      { row: 10, field: 'Date', message: `« 1999 » : date hors de la période plausible (2000–${maxYear})` },
      { row: 11, field: 'Ligne', message: 'Guillemet non fermé : ligne ignorée' },
    ]);
    expect(out.byCommune).toEqual({
      '13005': { companies: 2, jobs: 0, amountEur: 11500 },
      '13041': { companies: 1, jobs: 0, amountEur: 8000 },
      '13056': { companies: 1, jobs: 0, amountEur: 7000 },
    });
  }, 240_000);

  it('GeoJSON points', async () => {
    const { code, out } = await json(fixture('points.geojson'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 3, valid: 2, rejected: 1, format: 'geojson' });
  }, 240_000);

  it('readable summary in French', async () => {
    const r = await cli(fixture('broken-rows.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lignes lues : 12 — valides : 4 — refusées : 8');
    expect(r.stdout).toContain('ligne 3 — Montant : « abc » n\'est pas un nombre');
    expect(r.stdout).toContain('Aubagne (13005) : 2 entreprises, 0 emploi, 11\u202f500 €');
  }, 240_000);

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
  }, 240_000);

  it('nothing from outside the département is counted inside (INSEE, postal code, border points, coast snap)', async () => {
    const { code, out } = await json(fixture('outside-13.csv'));
    expect(code).toBe(0);
    expect(out).toMatchObject({ rows: 12, valid: 2, rejected: 10 });
    expect(out.errors.map((e: { row: number; field: string; message: string }) => `${e.row}|${e.field}|${e.message}`)).toEqual([
      '2|Code INSEE|commune hors des Bouches-du-Rhône : Rousset-Serre-Ponçon (Hautes-Alpes, 05127)',
      '3|Code INSEE|commune hors des Bouches-du-Rhône : Château-Renard (Loiret, 45083)',
      '4|Code INSEE|commune hors des Bouches-du-Rhône : Les Cabannes (Ariège, 09070)',
      "5|Code postal|code postal 83640 (Var : Plan-d'Aups-Sainte-Baume, Saint-Zacharie) hors des Bouches-du-Rhône, commune déclarée Cuges-les-Pins (codes postaux 13780) : vérifiez la ligne",
      '6|Localisation|commune hors des Bouches-du-Rhône : Fourques (Gard, 30117), coordonnées 4.46557, 43.70874',
      '7|Localisation|commune hors des Bouches-du-Rhône : Aramon (Gard, 30012), coordonnées 4.63867, 43.87845',
      '8|Localisation|commune hors des Bouches-du-Rhône : Vinon-sur-Verdon (Var, 83150), coordonnées 5.75413, 43.72479',
      '9|Localisation|commune hors des Bouches-du-Rhône : Caumont-sur-Durance (Vaucluse, 84034), coordonnées 4.91499, 43.8977',
      '11|Localisation|point hors des limites communales, plus proche de Le Grau-du-Roi (Gard, 30133) que des Bouches-du-Rhône, coordonnées 4.22, 43.45 : vérifiez-les',
      '13|Commune|commune hors des Bouches-du-Rhône : Riboux (Var, 83105) ; code postal 13780',
    ]);
    // Only the real Rousset (13087) and the point at sea off La Ciotat are counted.
    expect(out.byCommune).toEqual({ '13028': { companies: 1, jobs: 0, amountEur: 2500.25 }, '13087': { companies: 1, jobs: 0, amountEur: 1500 } });
    expect(out.warnings).toEqual([{ row: 10, field: 'Localisation', message: 'point hors des limites communales (littoral) : rattaché à la commune la plus proche' }]);
  }, 240_000);

  it('SCDL long titles: the beneficiary, not the grant-giver; optional date; --fund for a file without fund column', async () => {
    const noFund = await json(fixture('scdl-long-titles.csv'));
    // The attribuant (the Département) is not a fund: each row says so until a fund is chosen.
    expect(noFund.code).toBe(1);
    expect(noFund.out.errors[0]).toEqual({ row: 2, field: 'Fonds', message: "« Département des Bouches-du-Rhône » n'est pas un fonds reconnu (AMPA, Airbus, Adie)" });
    const { code, out } = await json(fixture('scdl-long-titles.csv'), '--fund', 'Adie');
    expect(code).toBe(0);
    expect(out.mapping).toMatchObject({ siret: 'Identification du bénéficiaire', companyName: 'Nom du bénéficiaire', date: 'Date de la convention de subvention', amountEur: 'Montant total de la subvention' });
    expect(out.defaultFund).toBe('adie');
    expect(out).toMatchObject({ rows: 4, valid: 3, undated: 1 });
    expect(out.warnings).toContainEqual({ row: 4, field: 'Date', message: 'date non renseignée : ligne comptée sous « année non renseignée »' });
    expect(out.errors).toEqual([{ row: 5, field: 'Code INSEE', message: 'commune hors des Bouches-du-Rhône : code INSEE 99999' }]);
    expect(out.totals).toEqual({ companies: 3, jobs: 0, amountEur: 25000.5 });
    const mapped = await json(fixture('scdl-long-titles.csv'), '--fund=ampa', '--map', "SIRET=Identification de l'attributaire (SIRET)");
    expect(mapped.out.mapping.siret).toBe("Identification de l'attributaire (SIRET)");
    expect(mapped.out.choices).toContainEqual({ field: 'siret', used: "Identification de l'attributaire (SIRET)", others: ['Identification du bénéficiaire'], reason: 'choisie par l’utilisateur' });
  }, 240_000);

  it('Etalab 2017 format without location: one file-level error saying what to add', async () => {
    const { code, out } = await json(fixture('etalab-2017.csv'));
    expect(code).toBe(1);
    expect(out.mapping).toMatchObject({ siret: 'ATTRIB_SIRET', companyName: 'ATTRIB_NOM', amountEur: 'SUB_MONTANT', date: 'ACTE_DATE' });
    expect(out.errors).toEqual([
      expect.objectContaining({ row: 0, field: 'Localisation', message: expect.stringContaining('ajoutez au fichier une colonne « Code INSEE »') }),
    ]);
    expect(out.rejected).toBe(3);
  }, 240_000);

  it('Diffusion column: consent counted, default non', async () => {
    const { out } = await json(fixture('diffusion.csv'));
    expect(out).toMatchObject({ valid: 10, consenting: 4 });
    expect(out.mapping.publishable).toBe('Diffusion');
    expect(out.warnings).toEqual([{ row: 11, field: 'Diffusion', message: '« peut-être » : répondez oui ou non : non diffusée' }]);
  }, 240_000);

  it('GeoJSON in Lambert-93 (crs EPSG:2154): reprojected, errors name the feature', async () => {
    const { out } = await json(fixture('lambert93-crs.geojson'));
    expect(out).toMatchObject({ rows: 4, valid: 2, rowWord: 'élément', format: 'geojson' });
    expect(Object.keys(out.byCommune)).toEqual(['13001', '13028']);
    expect(out.errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    const text = await cli(fixture('lambert93-crs.geojson'));
    expect(text.stdout).toContain('élément 3 — Localisation : Entité sans géométrie');
  }, 240_000);

  it('several files, one dataset: counts per file, duplicates across files reported once', async () => {
    const { code, out } = await json(fixture('scdl.csv'), fixture('scdl.csv'), fixture('cp1252-semicolon.csv'));
    expect(code).toBe(0);
    expect(out.files.map((f: { file: string; valid: number }) => f.valid)).toEqual([5, 5, 5]);
    // The second copy of scdl.csv repeats every row of the first: left out, each reported.
    expect(out.valid).toBe(10);
    expect(out.duplicatesAcrossFiles.filter((d: { excluded: boolean }) => d.excluded)).toHaveLength(5);
    expect(out.errors[0]).toHaveProperty('file');
  }, 240_000);
});
