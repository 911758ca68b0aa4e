// A published site (issue 12): the production build plus data/publication.json, written by
// writePublishedSite (what `npm run publish-site` does), served with the production headers.
// A citizen sees the published figures, never the demo nor an internal mode; a commune link opened
// in a fresh browser shows the published data; an unattended kiosk picks up a newly deployed
// dataset at its next idle reset (service worker update).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServer } from '../../scripts/serve.mjs';
import { writePublishedSite } from '../../build/published-site.ts';
import { buildPublication } from '../../src/lib/publication/publish.ts';
import type { Dataset } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import type { PublishedDataset } from '../../src/lib/publication/types.ts';
import { foreignRequests, openApp, shot, waitForMapReady, waitForProfileComplete, type Session } from './harness.ts';

const index = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as TerritoriesIndex;
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as Dataset;
const int = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

// Two deliveries of an imported file: v1 without the ADIE fund, v2 with everything.
const fixture = (supports: Dataset['supports']): Dataset => ({ kind: 'import', label: 'fixture', createdAt: '2026-01-01', supports, layoffs: demo.layoffs });
const v1 = buildPublication(fixture(demo.supports.filter((s) => s.fund !== 'adie')), index, { date: '2026-01-31', sources: ['fonds-2025.xlsx', 'licenciements.csv'] });
const v2 = buildPublication(fixture(demo.supports), index, { date: '2026-02-28', sources: ['fonds-2026.xlsx'] });

async function serve(dir: string) {
  const server = createAppServer(resolve(dir));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

function publish(dir: string, pkg: PublishedDataset) {
  writePublishedSite(process.env.E2E_DIST ?? 'dist', dir, pkg);
}

const siteDir = mkdtempSync(join(tmpdir(), 'e2e-published-'));
let site: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  publish(siteDir, v1);
  site = await serve(siteDir);
});
afterAll(async () => {
  await site?.close();
});

describe('published site', () => {
  it('opens on the published figures for a citizen: no demo, no mode switch, no import, nothing outside the origin', async () => {
    const s = await openApp(site.baseUrl);
    try {
      const p = s.page;
      await waitForMapReady(p);
      const dep = v1.tables.departement;
      expect(dep.companies).not.toBeNull();
      await p.waitForFunction((n) => document.querySelector('[data-figure="companies"]')?.textContent?.replace(/\s/g, '') === n, int(dep.companies!).replace(/\s/g, ''));
      expect(await p.textContent('#published-date')).toContain('Données au 31 janvier 2026');
      expect(await p.$('#demo-badge')).toBeNull();
      expect(await p.$('#privacy-toggle')).toBeNull();
      expect(await p.$('#file-upload')).toBeNull();
      expect(await p.$('#open-publication')).toBeNull();
      expect(await p.getAttribute('main', 'data-mode')).toBe('public');
      // The filters the published tables cannot answer are gone, with a word why; the fund table is published.
      expect(await p.$('#filters')).toBeNull();
      expect(await p.textContent('#filters-unavailable')).toMatch(/ne sont pas proposés sur le site publié/);
      const adie = await p.$$eval('#breakdown-funds tr[data-row="fund-adie"] > *', (cells) => cells.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));
      expect(adie).toEqual(['Fonds ADIE', '0', '0', '0 €']);
      // Each table ends on the département, which says « dont secret » when a line above it is suppressed.
      for (const [table, parts] of [['breakdown-funds', Object.values(v1.tables.funds)], ['breakdown-years', Object.values(v1.tables.years)]] as const) {
        const anySecret = parts.some((f) => f.companies === null || f.jobs === null || f.amountEur === null);
        const label = clean(await p.textContent(`#${table} tr[data-row="total"] th`));
        expect(label).toBe(anySecret ? 'Bouches-du-Rhône (dont secret)' : 'Bouches-du-Rhône');
      }

      // A commune suppressed in the package shows « secret statistique » in the table, never a figure.
      const secret = Object.entries(v1.tables.communes).find(([, f]) => f.jobs === null)![0];
      expect(clean(await p.textContent(`#tableau tr[data-code="${secret}"]`))).toContain('secret statistique');

      // Sources et licences: the package's date and source file names.
      await p.click('#open-sources');
      await p.waitForSelector('#published-sources');
      expect(await p.$$eval('#published-sources li', (li) => li.map((x) => x.textContent))).toEqual(['fonds-2025.xlsx', 'licenciements.csv']);
      expect(await p.textContent('#demo-notes')).toContain('Données publiées au 31 janvier 2026');
      await shot(p, 'published-sources');
      await p.keyboard.press('Escape');
      await p.evaluate(() => window.scrollTo(0, 0));
      await shot(p, 'published-home');

      // Only the published companies are drawn; the demo file was left out of the site.
      const drawn = await p.evaluate(() => {
        const src = (window as any).__map.getSource('supports');
        return src ? (src._data?.geojson?.features ?? src._data?.features ?? src.serialize?.().data?.features ?? []).map((f: any) => f.properties.id) : null;
      });
      expect(drawn).not.toBeNull();
      expect([...drawn].sort()).toEqual(v1.companies.map((c) => c.id).sort());
      expect(s.requests.some((u) => /demo-dataset/.test(u))).toBe(false);
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a link asking for the internal mode opens the public figures with a short notice', async () => {
    const s = await openApp(site.baseUrl, '#/?mode=interne');
    try {
      const p = s.page;
      await p.waitForSelector('#mode-notice');
      expect(await p.textContent('#mode-notice')).toMatch(/mode interne, qui n’existe pas sur le site publié/);
      expect(await p.getAttribute('main', 'data-mode')).toBe('public');
      expect(await p.$('#privacy-toggle')).toBeNull();
      // The URL no longer asks for it.
      await p.waitForFunction(() => !location.hash.includes('mode=interne'));
      await shot(p, 'published-mode-interne');
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a commune link opened in a fresh browser shows the published data, not the demo', async () => {
    const arles = '13004';
    const s = await openApp(site.baseUrl, `#/commune/${arles}`);
    try {
      const p = s.page;
      await p.waitForSelector('#profile-title');
      await p.waitForSelector('#profile-figures table');
      await waitForProfileComplete(p);
      expect(await p.textContent('#profile-title')).toBe('Arles');
      expect(await p.$('#profile-demo-badge')).toBeNull();
      expect(await p.textContent('#profile-mode')).toContain('Mode public');
      const f = v1.tables.communes[arles];
      const body = clean(await p.textContent('#profile-figures'));
      if (f.companies === null) expect(body).toContain('secret statistique');
      else expect(body).toContain(int(f.companies));
      // Companies listed: only those of the package in that commune.
      const listed = await p.$$eval('#profile-supports [data-support]', (rows) => rows.map((r) => r.getAttribute('data-support')));
      expect(listed.sort()).toEqual(v1.companies.filter((c) => c.communeCode === arles).map((c) => c.id).sort());
      const text = await p.evaluate(() => document.body.textContent ?? '');
      const named = new Set(v1.companies.map((c) => c.name));
      for (const x of demo.supports) if (!named.has(x.companyName)) expect(text).not.toContain(x.companyName);
      await shot(p, 'published-commune-arles');
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('public mode of the internal app: one privacy rule on every output', () => {
  it('never classes Arles and Saintes-Maries-de-la-Mer (1 or 2 companies): map, legend, table, gap map and CSV', async () => {
    const internal = await serve(process.env.E2E_DIST ?? 'dist');
    const s = await openApp(internal.baseUrl, '#/?mode=public');
    try {
      const p = s.page;
      await waitForMapReady(p);
      const colourOf = (code: string) =>
        p.evaluate((c) => {
          const map = (window as any).__map;
          const expr = map.getPaintProperty('communes-fill', 'fill-color');
          const colours: Record<number, string> = {};
          for (let i = 2; i < expr.length - 1; i += 2) colours[expr[i]] = expr[i + 1];
          return colours[map.getFeatureState({ source: 'communes', id: c }).cls] ?? null;
        }, code);
      const secretCommunes = ['13004', '13096'];
      await p.waitForFunction(() => document.querySelector('#tableau tr[data-code="13004"]')?.textContent?.includes('secret statistique'));
      for (const c of secretCommunes) {
        await p.waitForFunction((code) => {
          const map = (window as any).__map;
          return map.getFeatureState({ source: 'communes', id: code }).cls !== undefined;
        }, c);
        expect(await colourOf(c)).toBe('#cecece');
        expect(clean(await p.textContent(`#tableau tr[data-code="${c}"]`))).toContain('secret statistique');
      }
      expect(await p.textContent('#panel')).toMatch(/Secret statistique \(\d+ communes?\)/);
      await shot(p, 'public-mode-map');

      await p.evaluate(() => (location.hash = '#/ecarts?mode=public'));
      await p.waitForSelector('#bivariate-secret');
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('#export-csv')]);
      const lines = readFileSync((await download.path())!, 'utf8').slice(1).split('\r\n');
      for (const c of secretCommunes) {
        const row = lines.find((l) => l.split(';')[1] === c)!;
        expect(row).toContain('secret statistique');
        expect(row).not.toMatch(/besoin (faible|moyen|élevé), soutien/);
      }
      await shot(p, 'public-mode-gaps');
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
      await internal.close();
    }
  });
});

describe('« Préparer la publication » (internal app)', () => {
  it('previews the publication and downloads the very package buildPublication gives', async () => {
    const internal = await serve(process.env.E2E_DIST ?? 'dist');
    const s = await openApp(internal.baseUrl);
    try {
      const p = s.page;
      await p.waitForSelector('#open-publication');
      // Keyboard path: focus the button, open with Enter, type the date.
      await p.focus('#open-publication');
      await p.keyboard.press('Enter');
      await p.waitForSelector('#publication-summary');
      await p.fill('#publication-date', '2026-03-31');
      const expected = buildPublication(demo, index, { date: '2026-03-31', sources: ['Données de démonstration (scripts/generate-demo.ts)'] });
      await p.waitForFunction((n) => document.querySelector('[data-count="companies"]')?.textContent === n, String(expected.companies.length));
      expect(Number(await p.textContent('[data-count="suppressed"]'))).toBe(expected.tables.suppressions.length);
      expect(await p.locator('#publication-companies tbody tr').count()).toBe(expected.companies.length);
      expect(await p.locator('#publication-suppressed tbody tr').count()).toBeGreaterThan(0);
      expect(await p.textContent('#publication-suppressed')).toMatch(/moins de 3 entreprises/);
      await shot(p, 'publication-dialog');
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('#publication-download')]);
      expect(download.suggestedFilename()).toBe('publication.json');
      const got = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      expect(got).toEqual(JSON.parse(JSON.stringify(expected)));
      const raw = JSON.stringify(got);
      for (const x of demo.supports) expect(raw).not.toContain(x.siret!);
      expect(await p.textContent('#publication-status')).toContain('31 mars 2026');
      await p.keyboard.press('Escape');
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
      await internal.close();
    }
  });
});

describe('kiosk of a published site', () => {
  it('picks up a newly deployed dataset at its next idle reset (service worker update)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-kiosk-site-'));
    publish(dir, v1);
    const own = await serve(dir);
    let k: Session | null = null;
    try {
      k = await openApp(own.baseUrl, '?mode=kiosque&veille=2&reinit=4&etape=2', { hasTouch: true });
      const p = k.page;
      await waitForMapReady(p);
      await p.waitForSelector('#published-date');
      expect(await p.textContent('#published-date')).toContain('31 janvier 2026');
      expect(await p.$('#demo-badge')).toBeNull();
      // The first service worker installs and takes control (no new data: no reload).
      await p.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise<void>((ok) => navigator.serviceWorker.addEventListener('controllerchange', () => ok(), { once: true }));
        }
      });
      // Deploy v2 (new data, new sw.js). A visitor touches the kiosk; at the idle reset that follows,
      // the kiosk finds the new service worker and reloads onto the new data.
      publish(dir, v2);
      await p.keyboard.press('Shift');
      expect(await p.textContent('#published-date')).toContain('31 janvier 2026');
      // The page reloads under the wait: retry on the new document until the deadline.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const ok = await p
          .waitForFunction(() => document.querySelector('#published-date')?.textContent?.includes('28 février 2026'), null, { timeout: 10_000 })
          .then(() => true)
          .catch(() => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error('the kiosk never showed the new data');
      }
      expect(Number(await p.getAttribute('.kiosk', 'data-kiosk-resets'))).toBe(0); // a fresh page after the reload
      await shot(p, 'published-kiosk-v2');

      // Offline, it keeps the last dataset it had.
      await own.close();
      await p.reload();
      await waitForMapReady(p);
      await p.waitForSelector('#published-date');
      expect(await p.textContent('#published-date')).toContain('28 février 2026');
      expect(await p.$('#demo-badge')).toBeNull();
      expect(foreignRequests(k)).toEqual([]);
    } finally {
      await k?.close();
      await own.close().catch(() => {});
    }
  }, 300_000);
});
