// cli/publish-site.ts on the publication fixture (real geodata, a small fake build): JSON shape,
// exit codes, package input, French report.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { PUBLICATION_PATH, type PublishedDataset } from '../../src/lib/publication/types.ts';
import { FUNDS, fakeBuild, fixtureRows, publishSite, root, tempDir } from '../fixtures/publication/cli.ts';

const LEVELS = ['departement', 'epci', 'zonesEmploi', 'communes', 'arrondissements', 'qpv', 'rural', 'urban'];
let dist = '';
let index: TerritoriesIndex;

beforeAll(() => {
  if (!existsSync(join(root, 'public/data/territoires.json'))) {
    execFileSync('npm', ['run', '--silent', 'geodata:ensure'], { cwd: root, stdio: 'inherit' });
  }
  expect(existsSync(join(root, 'public/data/territoires.json')), 'public/data absent : lancez « npm run geodata »').toBe(true);
  index = JSON.parse(readFileSync(join(root, 'public/data/territoires.json'), 'utf8'));
  dist = fakeBuild();
}, 600_000);

const readPackage = (out: string): PublishedDataset => JSON.parse(readFileSync(join(out, PUBLICATION_PATH), 'utf8'));

describe('publish-site CLI', () => {
  it('--json: one object, the figures exactly as published, per level', async () => {
    const out = join(tempDir('publish-json-'), 'site');
    const r = await publishSite(FUNDS, '--out', out, '--dist', dist, '--date', '2026-11-30', '--json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(['published', 'rejected', 'rows', 'valid']);
    expect(json).toMatchObject({ rows: 19, valid: 18, rejected: 1 });
    const p = json.published;
    expect(Object.keys(p).sort()).toEqual([...LEVELS].sort());
    // 18 companies; the largest holds 40 % of the amount and 43 % of the jobs: published.
    expect(p.departement).toEqual({ companies: 18, jobs: 89, amountEur: 474027.61 });
    // Arles: one company, every measure suppressed → null; its EPCI stays an object with its communes.
    expect(p.communes['13004']).toBeNull();
    const arlesEpci = index.communes.find((c) => c.code === '13004')!.epci;
    expect(p.epci[arlesEpci]).toEqual({
      companies: null,
      jobs: null,
      amountEur: null,
      communes: index.communes.filter((c) => c.epci === arlesEpci).map((c) => c.code).sort(),
    });
    for (const [level, key] of [['epci', 'epci'], ['zonesEmploi', 'ze']] as const) {
      for (const [code, entry] of Object.entries(p[level]) as [string, { communes: string[] }][]) {
        expect(entry).not.toBeNull();
        expect(entry.communes).toEqual(index.communes.filter((c) => c[key] === code).map((c) => c.code).sort());
      }
    }
    // Exactly the tables of the written package, amounts to the cent, null where suppressed.
    const pkg = readPackage(out);
    const cents = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
    for (const level of ['communes', 'arrondissements', 'qpv'] as const) {
      expect(Object.keys(p[level]).sort()).toEqual(Object.keys(pkg.tables[level]).sort());
      for (const [code, f] of Object.entries(pkg.tables[level])) {
        const all = f.companies === null && f.jobs === null && f.amountEur === null;
        expect(p[level][code], `${level} ${code}`).toEqual(all ? null : { ...f, amountEur: cents(f.amountEur) });
      }
    }
    expect(p.urban).toEqual({ ...pkg.tables.urban, amountEur: cents(pkg.tables.urban.amountEur) });
    const amounts = [p.departement, ...Object.values(p.communes)].flatMap((f) => (f && f.amountEur !== null ? [f.amountEur] : []));
    for (const a of amounts) expect(Math.round(a * 100) / 100).toBe(a);
    expect(pkg.date).toBe('2026-11-30');
    expect(pkg.sources).toEqual(['funds.csv']);
    // The companies that consent, never a micro-entrepreneur (one of them says oui).
    expect(pkg.companies.map((c) => c.name).sort()).toEqual(fixtureRows().filter((x) => x.published).map((x) => x.name).sort());
    expect(pkg.companies.map((c) => c.name)).not.toContain('Jeanne Mistral-Ourdan');
  }, 300_000);

  it('French report: counts, companies published individually, each suppression with its reason', async () => {
    const out = join(tempDir('publish-text-'), 'site');
    const r = await publishSite(FUNDS, '--out', out, '--dist', dist);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Lignes lues : 19 — valides : 18 — refusées : 1');
    expect(r.stdout).toContain("ligne 20 — Montant : « abc » n'est pas un nombre");
    expect(r.stdout).toContain('Entreprises publiées individuellement (accord de diffusion, hors micro-entrepreneurs) : 7');
    expect(r.stdout).toMatch(/fréquence < 3 .*\n(.*\n)*.*communes — entreprises, emplois, montant : Arles \(13004\)/);
    const pkg = readPackage(out);
    const reasons = new Set(pkg.tables.suppressions.map((s) => s.reason));
    if (reasons.has('dominance')) expect(r.stdout).toContain('dominance > 85 %');
    if (reasons.has('residuel')) expect(r.stdout).toContain('résiduel');
    if (reasons.has('secondaire')) expect(r.stdout).toContain('secret secondaire');
    expect(r.stdout).toContain(`Valeurs supprimées (secret statistique) : ${pkg.tables.suppressions.length}`);
    // Date « Données au » defaults to today in France.
    const today = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(pkg.date).toBe(today);
    expect(r.stdout).toContain(`données au ${today}`);
  }, 300_000);

  it('several files: counts add up, sources are the file names only', async () => {
    const out = join(tempDir('publish-multi-'), 'site');
    const other = join(root, 'test/fixtures/import/cp1252-semicolon.csv');
    const r = await publishSite(FUNDS, other, '--out', out, '--dist', dist, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 24, valid: 23, rejected: 1 });
    expect(readPackage(out).sources).toEqual(['funds.csv', 'cp1252-semicolon.csv']);
    expect(JSON.parse(r.stdout).published.departement.companies).toBe(23);
  }, 300_000);

  it('a published package as input gives the same site data; a hand-added field never passes', async () => {
    const first = join(tempDir('publish-pkg-'), 'site');
    const a = await publishSite(FUNDS, '--out', first, '--dist', dist, '--date', '2026-11-30', '--json');
    expect(a.code, a.stderr).toBe(0);
    const pkg = readPackage(first);
    // As « Préparer la publication » would download it, plus fields a hand edit could add.
    const tampered = { ...pkg, extra: 'x', companies: pkg.companies.map((c) => ({ ...c, siret: '73000001047291', amountEur: 23456.78 })) };
    const input = join(tempDir('publish-pkg-in-'), 'publication-2026-11-30.json');
    writeFileSync(input, JSON.stringify(tampered));
    const second = join(tempDir('publish-pkg-out-'), 'site');
    const b = await publishSite(input, '--out', second, '--dist', dist, '--json');
    expect(b.code, b.stderr).toBe(0);
    const jb = JSON.parse(b.stdout);
    expect(jb).toMatchObject({ rows: null, valid: null, rejected: null });
    expect(jb.published).toEqual(JSON.parse(a.stdout).published);
    expect(readPackage(second)).toEqual(pkg);
    const text = readFileSync(join(second, PUBLICATION_PATH), 'utf8');
    expect(text).not.toContain('73000001047291');
    expect(text).not.toContain('23456.78');
    expect(text).not.toContain('extra');
    // Recognised by its content when renamed; --date overrides its date; the report names it.
    const renamed = join(tempDir('publish-pkg-renamed-'), 'paquet (1).txt');
    writeFileSync(renamed, JSON.stringify(tampered));
    const third = join(tempDir('publish-pkg-date-'), 'site');
    const c = await publishSite(renamed, '--out', third, '--dist', dist, '--date', '2026-12-24');
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain(`Paquet de publication : ${renamed} (sources : funds.csv)`);
    expect(readPackage(third).date).toBe('2026-12-24');
  }, 400_000);

  it('--frame-ancestors: the allowlist goes into the header files; default none; a bad origin exits 2', async () => {
    const out = join(tempDir('publish-frame-'), 'site');
    const r = await publishSite(FUNDS, '--out', out, '--dist', dist, '--frame-ancestors=https://www.istres.fr,https://www.aubagne.fr/');
    expect(r.code, r.stderr).toBe(0);
    const allowed = 'frame-ancestors https://www.istres.fr https://www.aubagne.fr';
    expect(readFileSync(join(out, '_headers'), 'utf8')).toMatch(new RegExp(`^  Content-Security-Policy: .*; ${allowed}$`, 'm'));
    expect(readFileSync(join(out, 'nginx-headers.conf'), 'utf8')).toMatch(new RegExp(`^add_header Content-Security-Policy ".*; ${allowed}" always;$`, 'm'));
    expect(r.stdout).toContain("(frame-ancestors) : https://www.istres.fr https://www.aubagne.fr");

    // Without flag nor variable: no site may frame it.
    const plain = join(tempDir('publish-frame-none-'), 'site');
    const none = await publishSite(FUNDS, '--out', plain, '--dist', dist);
    expect(none.code, none.stderr).toBe(0);
    expect(readFileSync(join(plain, '_headers'), 'utf8')).toMatch(/; frame-ancestors 'none'$/m);
    expect(none.stdout).toContain('(frame-ancestors) : aucun');

    // A value that is not an origin: the rule of npm start, exit 2, nothing written.
    const badOut = join(tempDir('publish-frame-bad-'), 'site');
    const bad = await publishSite(FUNDS, '--out', badOut, '--dist', dist, '--frame-ancestors', 'https://www.istres.fr/mairie');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('frame-ancestors : « https://www.istres.fr/mairie » n’est pas une origine');
    expect(existsSync(badOut)).toBe(false);
  }, 400_000);

  it('exit 1 when no row is valid: nothing written', async () => {
    const out = join(tempDir('publish-zero-'), 'site');
    const r = await publishSite('test/fixtures/import/zero-valid.csv', '--out', out, '--dist', dist, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 2, valid: 0, rejected: 2, published: null });
    expect(existsSync(out)).toBe(false);
    const t = await publishSite('test/fixtures/import/zero-valid.csv', '--out', out, '--dist', dist);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain("Aucune ligne valide : rien n'est publié.");
  }, 300_000);

  it('exit 2: unreadable file, no recognisable column, invalid package, bad arguments', async () => {
    const out = join(tempDir('publish-bad-'), 'site');
    const missing = await publishSite('test/fixtures/publication/absent.csv', '--out', out, '--dist', dist);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('impossible de lire le fichier test/fixtures/publication/absent.csv');
    const noColumns = await publishSite('test/fixtures/import/no-columns.csv', '--out', out, '--dist', dist, '--json');
    expect(noColumns.code).toBe(2);
    expect(JSON.parse(noColumns.stdout).error).toMatch(/^Aucune colonne reconnue/);
    const broken = join(tempDir('publish-badpkg-'), 'publication.json');
    writeFileSync(broken, JSON.stringify({ format: 'carte-fonds-revitalisation-13/publication', version: 1, date: '2026-11-30' }));
    const badPackage = await publishSite(broken, '--out', out, '--dist', dist, '--json');
    expect(badPackage.code).toBe(2);
    expect(JSON.parse(badPackage.stdout).error).toContain('Paquet de publication invalide : sources');
    const badDate = await publishSite(FUNDS, '--out', out, '--dist', dist, '--date', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('date « 2026-02-30 » invalide : attendu AAAA-MM-JJ');
    const noOut = await publishSite(FUNDS, '--dist', dist);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const mixed = await publishSite(broken, FUNDS, '--out', out, '--dist', dist);
    expect(mixed.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  }, 400_000);
});
