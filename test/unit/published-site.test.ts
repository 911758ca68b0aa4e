// writePublishedSite (build/published-site.ts) on a small fake build: demo data left out, package
// written, service worker rewritten for the published data, refusals.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findDemoSirets, writePublishedSite } from '../../build/published-site.ts';
import { writeServiceWorker } from '../../build/offline-sw.ts';
import { PUBLICATION_PATH, PUBLISHED_SITE_META, type PublishedDataset } from '../../src/lib/publication/types.ts';
import { CSP } from '../../scripts/serve.mjs';
import { recordedFrameAncestors, securityHeaders } from '../../scripts/site-headers.mjs';

const DEMO_SIRET = '99999029400012'; // a SIRET of the demo dataset (checksum-valid)
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'published-site-'));
  tmp.push(d);
  return d;
}

function write(dir: string, rel: string, text: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

function fakeBuild(): string {
  const dist = join(tempDir(), 'dist');
  write(
    dist,
    'index.html',
    '<!doctype html><html><head><script type="module" src="./assets/index-abc.js"></script>\n' +
      '    <link rel="preload" href="/data/territoires.json" as="fetch" crossorigin="">\n' +
      '    <link rel="preload" href="/assets/demo-dataset-XyZ1.json" as="fetch" crossorigin="" data-demo="">\n  </head></html>',
  );
  write(dist, 'assets/index-abc.js', 'const demo = new URL("demo-dataset-XyZ1.json", import.meta.url);');
  write(dist, 'assets/demo-dataset-XyZ1.json', JSON.stringify({ supports: [{ siret: DEMO_SIRET, companyName: 'A (démo)' }] }));
  write(dist, 'data/communes.geojson', '{"type":"FeatureCollection","features":[]}');
  writeServiceWorker(dist);
  return dist;
}

const figures = { companies: null, jobs: null, amountEur: null };
function publication(date = '2026-12-01'): PublishedDataset {
  return {
    format: 'carte-fonds-revitalisation-13/publication',
    version: 1,
    date,
    sources: ['fonds.csv'],
    demo: false,
    tables: {
      departement: { companies: 3, jobs: 12, amountEur: 30000 },
      epci: {},
      zonesEmploi: {},
      communes: {},
      arrondissements: {},
      qpv: {},
      rural: figures,
      urban: figures,
      funds: { ampa: figures, airbus: figures, adie: figures },
      years: {},
      suppressions: [],
    },
    companies: [],
    layoffs: { departement: { jobsCut: 0, layoffs: 0 }, communes: {}, arrondissements: {} },
  };
}

const swFiles = (dir: string): string[] => JSON.parse(/const FILES = (\[.*\]);/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))![1]);

describe('writePublishedSite', () => {
  it('copies the build without the demo data, writes the package and a service worker covering it', () => {
    const dist = fakeBuild();
    const out = join(tempDir(), 'site');
    const r = writePublishedSite(dist, out, publication());
    expect(r.removed).toEqual(['assets/demo-dataset-XyZ1.json']);
    expect(r.files).toEqual(['_headers', 'assets/index-abc.js', 'data/communes.geojson', PUBLICATION_PATH, 'index.html', 'nginx-headers.conf', 'sw.js']);
    expect(existsSync(join(out, 'assets/demo-dataset-XyZ1.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, PUBLICATION_PATH), 'utf8'))).toEqual(publication());
    expect(swFiles(out)).toEqual(['./', 'assets/index-abc.js', 'data/communes.geojson', PUBLICATION_PATH, 'index.html']);
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toContain(`carte-fonds-13-${r.swVersion}`);
    // The build itself is untouched.
    expect(existsSync(join(dist, 'assets/demo-dataset-XyZ1.json'))).toBe(true);
    expect(existsSync(join(dist, PUBLICATION_PATH))).toBe(false);
    expect(findDemoSirets(out).size).toBe(0);
    // The page says it is a published site, and no longer preloads the demo it does not have.
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toContain(`<meta name="${PUBLISHED_SITE_META}" content="${PUBLICATION_PATH}" />`);
    expect(page).not.toContain('demo-dataset');
    expect(page).toContain('<link rel="preload" href="/data/territoires.json" as="fetch" crossorigin="">');
  });

  it('a new dataset gives a new sw.js; the same dataset the same one', () => {
    const dist = fakeBuild();
    const out = join(tempDir(), 'site');
    const a = writePublishedSite(dist, out, publication('2026-12-01'));
    const swA = readFileSync(join(out, 'sw.js'), 'utf8');
    const again = writePublishedSite(dist, out, publication('2026-12-01'));
    expect(again.swVersion).toBe(a.swVersion);
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toBe(swA);
    const b = writePublishedSite(dist, out, publication('2026-12-02'));
    expect(b.swVersion).not.toBe(a.swVersion);
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).not.toBe(swA);
  });

  it('replaces a previous published site entirely, refuses an unrelated non-empty folder', () => {
    const dist = fakeBuild();
    const out = join(tempDir(), 'site');
    writePublishedSite(dist, out, publication());
    write(out, 'assets/old-123.js', 'old');
    writePublishedSite(dist, out, publication());
    expect(existsSync(join(out, 'assets/old-123.js'))).toBe(false);

    const other = tempDir();
    write(other, 'notes.txt', 'à garder');
    expect(() => writePublishedSite(dist, other, publication())).toThrow(/n'est pas vide et ne contient pas de site publié/);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('à garder');
    writePublishedSite(dist, other, publication(), { force: true });
    expect(existsSync(join(other, 'notes.txt'))).toBe(false);
  });

  it('refuses an output inside the build, a folder without build, a foreign package', () => {
    const dist = fakeBuild();
    expect(() => writePublishedSite(dist, join(dist, 'site'), publication())).toThrow(/ne peut pas contenir le build/);
    expect(() => writePublishedSite(tempDir(), join(tempDir(), 'site'), publication())).toThrow(/npm run build/);
    const bad = { ...publication(), format: 'autre' } as unknown as PublishedDataset;
    expect(() => writePublishedSite(dist, join(tempDir(), 'site'), bad)).toThrow(/format/);
  });

  it('fails, and leaves no site, when a demo SIRET remains in a bundle', () => {
    const dist = fakeBuild();
    write(dist, 'assets/index-abc.js', `const s = "${DEMO_SIRET}";`);
    const out = join(tempDir(), 'site');
    expect(() => writePublishedSite(dist, out, publication())).toThrow(/SIRET de démonstration \(assets\/index-abc\.js\)/);
    expect(existsSync(out)).toBe(false);
    // A 14-digit number that is not checksum-valid is not a SIRET.
    write(dist, 'assets/index-abc.js', 'const s = "99999029400013";');
    expect(() => writePublishedSite(dist, out, publication())).not.toThrow();
  });
});

describe('the site carries its headers', () => {
  const policyLine = (text: string) => /^ {2}Content-Security-Policy: (.*)$/m.exec(text)![1];

  it('_headers and nginx-headers.conf: the headers of npm run serve, frame-ancestors as given (default none)', () => {
    const dist = fakeBuild();
    const out = join(tempDir(), 'site');
    writePublishedSite(dist, out, publication());
    expect(policyLine(readFileSync(join(out, '_headers'), 'utf8'))).toBe(CSP);
    expect(recordedFrameAncestors(out)).toEqual([]);

    const origins = ['https://www.istres.fr', "'self'"];
    writePublishedSite(dist, out, publication(), { frameAncestors: origins });
    const headers = readFileSync(join(out, '_headers'), 'utf8');
    const nginx = readFileSync(join(out, 'nginx-headers.conf'), 'utf8');
    for (const [name, value] of Object.entries(securityHeaders({ frameAncestors: origins }))) {
      expect(headers).toContain(`\n  ${name}: ${value}\n`);
      expect(nginx).toContain(`\nadd_header ${name} "${value}" always;\n`);
    }
    expect(policyLine(headers)).toMatch(/; frame-ancestors https:\/\/www\.istres\.fr 'self'$/);
    expect(recordedFrameAncestors(out)).toEqual(origins);
    // Cache-Control once per path (these hosts join the values of overlapping rules).
    const rules = headers.split('\n').filter((l) => /^\//.test(l));
    expect(rules).toEqual(['/*', '/', '/assets/*', '/data/*', '/index.html', '/sw.js']);
    expect(headers).toMatch(/^\/assets\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
    for (const path of ['/', '/data/*', '/index.html', '/sw.js']) expect(headers).toContain(`${path}\n  Cache-Control: no-cache\n`);
    // For the server only: never precached (hosts do not serve them, and one missing file fails the precache).
    expect(swFiles(out)).not.toContain('_headers');
    expect(swFiles(out)).not.toContain('nginx-headers.conf');
  });

  it('the package written has fresh precompressed copies, never the stale ones of the build', () => {
    const dist = fakeBuild();
    // A build that carried a package and its compressed copies (and a demo file's copy).
    write(dist, PUBLICATION_PATH, '{"old":true}');
    writeFileSync(join(dist, PUBLICATION_PATH + '.gz'), gzipSync('{"old":true}'));
    writeFileSync(join(dist, PUBLICATION_PATH + '.br'), brotliCompressSync('{"old":true}'));
    writeFileSync(join(dist, 'assets/demo-dataset-XyZ1.json.gz'), gzipSync('{}'));
    const out = join(tempDir(), 'site');
    const big = { ...publication(), sources: Array.from({ length: 80 }, (_, i) => `fonds-${i}.csv`) };
    writePublishedSite(dist, out, big);
    const raw = readFileSync(join(out, PUBLICATION_PATH));
    expect(raw.length).toBeGreaterThan(1024);
    expect(gunzipSync(readFileSync(join(out, PUBLICATION_PATH + '.gz')))).toEqual(raw);
    expect(brotliDecompressSync(readFileSync(join(out, PUBLICATION_PATH + '.br')))).toEqual(raw);
    expect(existsSync(join(out, 'assets/demo-dataset-XyZ1.json.gz'))).toBe(false);
    // A small package has no compressed copy at all (below the build's 1 KB threshold).
    writePublishedSite(dist, out, publication());
    expect(existsSync(join(out, PUBLICATION_PATH + '.gz'))).toBe(false);
    expect(existsSync(join(out, PUBLICATION_PATH + '.br'))).toBe(false);
  });
});

describe('buildStaleness (publish-site rebuilds dist/ when needed)', () => {
  it('missing build, stale build, fresh build', async () => {
    const { buildStaleness } = await import('../../cli/ensure-build.ts');
    const { utimesSync } = await import('node:fs');
    const root = tempDir();
    write(root, 'src/main.ts', 'export {};');
    write(root, 'index.html', '<!doctype html>');
    expect(buildStaleness(root)).toBe('aucun build');
    write(root, 'dist/index.html', '<!doctype html>');
    write(root, 'dist/sw.js', '// sw');
    const t = Date.now() / 1000;
    utimesSync(join(root, 'dist/sw.js'), t, t);
    utimesSync(join(root, 'src/main.ts'), t - 60, t - 60);
    utimesSync(join(root, 'index.html'), t - 60, t - 60);
    expect(buildStaleness(root)).toBeNull();
    utimesSync(join(root, 'src/main.ts'), t + 60, t + 60);
    expect(buildStaleness(root)).toBe('src a changé depuis le dernier build');
  });
});
