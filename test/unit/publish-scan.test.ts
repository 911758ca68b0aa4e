// The published site leaks nothing (issue 12): publish the fixture (consenting and non-consenting
// companies, micro-entrepreneurs, a rejected row) with the real production build, then scan every
// text file written (HTML, JS bundles, CSS, map layers, sw.js, the package) for any SIRET or
// SIREN of the input, any name of a company not published individually, any per-company amount,
// and any coordinate of a company not published individually. And prove the scan can fail.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDemoSirets } from '../../build/published-site.ts';
import { PUBLICATION_PATH, type PublishedDataset } from '../../src/lib/publication/types.ts';
import { FUNDS, fixtureRows, publishSite, root, tempDir } from '../fixtures/publication/cli.ts';
import { scanSite } from '../fixtures/publication/scan.ts';

const rows = fixtureRows();
const dist = join(root, 'dist');
let site = '';

beforeAll(async () => {
  if (!existsSync(join(root, 'public/data/territoires.json'))) {
    execFileSync('npm', ['run', '--silent', 'geodata:ensure'], { cwd: root, stdio: 'inherit' });
  }
  site = join(tempDir('publish-scan-'), 'site');
  // No --dist: the real build, rebuilt by the CLI when missing or stale.
  const r = await publishSite(FUNDS, '--out', site, '--json');
  expect(r.code, r.stderr).toBe(0);
}, 900_000);

describe('published site: nothing that must stay inside leaves', () => {
  it('the fixture has what the scan must catch', () => {
    expect(rows).toHaveLength(19);
    expect(rows.filter((r) => r.published).length).toBe(7);
    expect(rows.filter((r) => !r.published).map((r) => r.name)).toEqual(
      expect.arrayContaining(['Ferronnerie Quillet', 'Jeanne Mistral-Ourdan', 'Salins de Camargue Herbier', 'Fonderie Rejetée Mazargues']),
    );
  });

  it('no SIRET, SIREN, non-published name, per-company amount or non-published coordinate in any file', () => {
    const files = readdirSync(join(site, 'assets'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(existsSync(join(site, 'sw.js'))).toBe(true);
    expect(scanSite(site, rows, dist)).toEqual([]);
    expect([...findDemoSirets(site).keys()]).toEqual([]);
    expect(readdirSync(join(site, 'assets')).filter((f) => f.startsWith('demo-'))).toEqual([]);
  });

  it('the published companies are there: name and point at 5 decimals, nothing else', () => {
    const pkg = JSON.parse(readFileSync(join(site, PUBLICATION_PATH), 'utf8')) as PublishedDataset;
    const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
    const expected = rows.filter((r) => r.published).map((r) => [r.name, [round5(r.lon), round5(r.lat)]]);
    expect(pkg.companies.map((c) => [c.name, c.location]).sort()).toEqual(expected.sort());
    for (const c of pkg.companies) {
      expect(Object.keys(c).sort()).toEqual(
        ['arrondissementCode', 'communeCode', 'fund', 'id', 'jobs', 'location', 'name', 'precision', 'qpvCode', 'sector', 'year'].sort(),
      );
    }
    // The same scan, told that the consenting companies were not published, finds them in the package.
    const strict = scanSite(site, rows.map((r) => ({ ...r, published: false })), dist);
    for (const r of rows.filter((x) => x.published)) {
      expect(strict).toContainEqual({ file: PUBLICATION_PATH, kind: 'name', value: r.name });
      expect(strict).toContainEqual({ file: PUBLICATION_PATH, kind: 'coordinates', value: `${round5(r.lon)},${round5(r.lat)}` });
    }
  });

  it('the scan fails on a deliberately leaked value, in every kind of file', () => {
    const secret = rows.find((r) => r.name === 'Ferronnerie Quillet')!;
    const micro = rows.find((r) => r.name === 'Jeanne Mistral-Ourdan')!;
    const bundle = readdirSync(join(site, 'assets')).find((f) => /^index-.*\.js$/.test(f))!;
    const leaks: [file: string, text: string, kind: string, value: string][] = [
      [`assets/${bundle}`, `;const s="${secret.siret}";`, 'siret', secret.siret!],
      [`assets/${bundle}`, `;const n=${secret.siret!.slice(0, 9)};`, 'siren', secret.siret!.slice(0, 9)],
      ['sw.js', `// ${micro.name}`, 'name', micro.name],
      [PUBLICATION_PATH, ` ${JSON.stringify({ montant: secret.amountEur })}`, 'amount', String(secret.amountEur)],
      ['index.html', `<!-- ${micro.amountEur} -->`, 'amount', String(micro.amountEur)],
      ['data/communes.geojson', ` [${secret.lon},${secret.lat}]`, 'coordinates', `${secret.lon},${secret.lat}`],
      [PUBLICATION_PATH, ` {"lat":${Math.round(secret.lat * 1e5) / 1e5}}`, 'coordinates', String(Math.round(secret.lat * 1e5) / 1e5)],
    ];
    for (const [file, text, kind, value] of leaks) {
      const copy = join(tempDir('publish-leak-'), 'site');
      cpSync(site, copy, { recursive: true });
      appendFileSync(join(copy, file), text);
      const found = scanSite(copy, rows, dist);
      expect(found, `${kind} in ${file}`).toContainEqual({ file, kind, value });
    }
  });
});
