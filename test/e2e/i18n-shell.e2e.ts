// English for the public (issue 16, item 6), the shell and the map home: the language switch of the
// DSFR header turns the header, skip links, home panel, table and footer into English in place,
// writes `lang=en` into the URL (kept on reload, opened in English from a shared link), moves
// `<html lang>`, keeps the focus on itself, and works from the collapsed phone header. Commune
// names are not translated. On the demo in public mode and on a published site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { createAppServer } from '../../scripts/serve.mjs';
import { writePublishedSite } from '../../build/published-site.ts';
import { buildPublication } from '../../src/lib/publication/publish.ts';
import type { Dataset } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, shot, startServer, type Session } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
/** The map is ready even while hidden behind the panel view on phones. */
const mapReady = (page: Page) => page.waitForSelector('#map[data-ready="true"]', { state: 'attached', timeout: 90_000 });
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const modeInHash = (page: Page) => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('mode'));
const langInHash = (page: Page) => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('lang'));

async function expectAxeClean(page: Page) {
  const v = await axe(page);
  expect(v, describeViolations(v)).toEqual([]);
}

async function waitForText(page: Page, selector: string, text: string) {
  await page.waitForFunction(([sel, t]) => (document.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim() === t, [selector, text] as const, { timeout: 20_000 });
}

/** The shell's texts in English (a few exact strings of each part). */
async function expectEnglishShell(page: Page) {
  expect(await htmlLang(page)).toBe('en');
  expect(clean(await page.textContent('#lang-switch'))).toBe('FR – Français');
  expect(await page.getAttribute('#lang-switch', 'lang')).toBe('fr');
  expect(clean(await page.textContent('.fr-header__service-title'))).toBe('Map of the revitalisation funds');
  expect(await page.$$eval('.fr-skiplinks a', (a) => a.map((x) => (x.textContent ?? '').trim()))).toEqual(['Skip to content', 'Skip to map', 'Skip to table', 'Skip to footer']);
  expect(clean(await page.textContent('#panel h1'))).toBe('Where did the revitalisation funds go?');
  expect(clean(await page.textContent('#tableau-title'))).toBe('The communes as a table');
  const heads = await page.$$eval('#communes-table thead th', (th) => th.map((x) => (x.textContent ?? '').replace(/[▲▼]/g, '').trim()));
  expect(heads).toEqual(['Commune', 'Population', 'Companies', 'Jobs created', 'Amount', 'Jobs cut', 'Intercommunality (EPCI)', 'Density (INSEE)', 'FRR', 'QPV', 'Median income']);
  expect(clean(await page.textContent('#communes-table caption'))).toBe('119 communes of Bouches-du-Rhône. Select a commune’s name to show it on the map.');
  // Commune names stay as they are; numbers are written the English way.
  const marseille = await page.$$eval('#communes-table tr[data-code="13055"] > *', (c) => c.map((x) => (x.textContent ?? '').trim()));
  expect(marseille[0]).toBe('Marseille');
  expect(marseille[1]).toMatch(/^\d{3},\d{3}$/);
  expect(marseille[10]).toMatch(/^€\d{1,3},\d{3}$/);
  expect(clean(await page.textContent('#open-accessibility'))).toBe('Accessibility: partially compliant');
  expect(clean(await page.textContent('#open-sources'))).toBe('Sources and licences');
  expect(clean(await page.textContent('.fr-footer__bottom-copy'))).toBe('Unless otherwise stated, the content of this site is available under Licence Ouverte 2.0 (open licence).');
  expect(clean(await page.textContent('#reset-view'))).toBe('Back to the département');
}

async function expectFrenchShell(page: Page) {
  expect(await htmlLang(page)).toBe('fr');
  expect(clean(await page.textContent('#lang-switch'))).toBe('EN – English');
  expect(await page.getAttribute('#lang-switch', 'lang')).toBe('en');
  expect(clean(await page.textContent('#panel h1'))).toBe('Où sont allés les fonds de revitalisation ?');
  expect(clean(await page.textContent('#open-accessibility'))).toBe('Accessibilité : partiellement conforme');
  expect(await page.$$eval('.fr-skiplinks a', (a) => a.map((x) => (x.textContent ?? '').trim()))).toEqual(['Aller au contenu', 'Aller à la carte', 'Aller au tableau', 'Aller au pied de page']);
  const pop = await page.$$eval('#communes-table tr[data-code="13055"] > *', (c) => (c[1].textContent ?? '').trim());
  expect(pop).toMatch(/^\d{3}\s\d{3}$/);
}

describe('the demo in public mode', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('switches to English in place, keeps the focus, writes lang=en, keeps it on reload, and back to French', async () => {
    const s = await openApp(server.baseUrl, '#/?mode=public', { viewport: DESKTOP });
    try {
      const p = s.page;
      await mapReady(p);
      await p.waitForSelector('#communes-table tr[data-code="13055"]');
      await expectFrenchShell(p);
      expect(await langInHash(p)).toBeNull();

      await p.focus('#lang-switch');
      await p.keyboard.press('Enter');
      await waitForText(p, '#panel h1', 'Where did the revitalisation funds go?');
      await expectEnglishShell(p);
      expect(await focusedId(p)).toBe('lang-switch');
      await p.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('lang') === 'en');
      expect(await modeInHash(p)).toBe('public');
      // The public mode's figures and filters.
      expect(clean(await p.textContent('#filters-legend'))).toBe('Filters');
      expect(clean(await p.textContent('#year-slider-legend'))).toBe('Over time');
      expect(clean(await p.textContent('#breakdowns h2'))).toBe('Jobs created, broken down');
      expect(clean(await p.textContent('label[for="header-search"]'))).toBe('Commune profile');
      expect(clean(await p.textContent('#show-panel'))).toBe('Figures and filters');

      // The Sources dialog's notes, numbers the English way.
      await p.click('#open-sources');
      await waitForText(p, '#sources-title', 'Sources and licences');
      expect(clean(await p.textContent('#demo-notes'))).toBe('Demonstration data: the companies shown are fictitious.');
      expect(await p.textContent('.sources-dialog')).toContain('1,100 jobs and €1,325,000 over 2019-2023');
      await p.keyboard.press('Escape');

      await p.evaluate(() => window.scrollTo(0, 0));
      await shot(p, 'i18n-shell-en-1280');
      expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
      await expectAxeClean(p);

      // Reload: still English.
      await p.reload();
      await mapReady(p);
      await p.waitForSelector('#communes-table tr[data-code="13055"]');
      await expectEnglishShell(p);

      // Back to French: the URL loses its lang, the focus stays on the switch.
      await p.click('#lang-switch');
      await waitForText(p, '#panel h1', 'Où sont allés les fonds de revitalisation ?');
      await expectFrenchShell(p);
      expect(await focusedId(p)).toBe('lang-switch');
      await p.waitForFunction(() => !new URLSearchParams(location.hash.split('?')[1] ?? '').has('lang'));
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a shared link with lang=en opens in English in a fresh browser', async () => {
    const s = await openApp(server.baseUrl, '#/?mode=public&lang=en', { viewport: DESKTOP });
    try {
      const p = s.page;
      await mapReady(p);
      await p.waitForSelector('#communes-table tr[data-code="13055"]');
      await expectEnglishShell(p);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('works from the collapsed header of a phone (390×844): the menu stays open, the focus on the switch', async () => {
    const s = await openApp(server.baseUrl, '#/?mode=public', { viewport: PHONE, hasTouch: true });
    try {
      const p = s.page;
      await mapReady(p);
      expect(await p.isVisible('#lang-switch')).toBe(false);
      await p.click('#header-menu-button');
      await p.waitForSelector('#lang-switch', { state: 'visible' });
      await p.click('#lang-switch');
      await waitForText(p, '#panel h1', 'Where did the revitalisation funds go?');
      expect(await focusedId(p)).toBe('lang-switch');
      expect(await p.getAttribute('#header-menu-button', 'aria-expanded')).toBe('true');
      expect(await htmlLang(p)).toBe('en');
      expect(clean(await p.textContent('#show-panel'))).toBe('Figures and filters');
      expect(clean(await p.textContent('#header-menu .fr-nav__link[aria-current="page"]'))).toBe('Map');
      const box = await p.locator('#lang-switch').boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(43.5);
      await shot(p, 'i18n-shell-en-390-menu');
      expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
      await expectAxeClean(p);
      // The menu closed: the home panel in English.
      await p.click('#header-menu-button');
      await p.evaluate(() => window.scrollTo(0, 0));
      await shot(p, 'i18n-shell-en-390');
      expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
      await expectAxeClean(p);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('the embedded view', () => {
  it('opens in English from a link with lang=en: the bar and its link to the full site', async () => {
    const server = await startServer();
    const s = await openApp(server.baseUrl, '?mode=integration#/commune/13047?lang=en', { viewport: { width: 800, height: 640 } });
    try {
      const p = s.page;
      await waitForText(p, '#embed-full-site', 'View on the full site');
      expect(await htmlLang(p)).toBe('en');
      expect(clean(await p.textContent('.embed-title'))).toBe('Revitalisation funds in Bouches-du-Rhône – Préfet des Bouches-du-Rhône');
      expect(await p.getAttribute('#embed-full-site', 'title')).toBe('View on the full site – new window');
      expect(await p.getAttribute('#embed-full-site', 'href')).toMatch(/lang=en/);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
      await server.close();
    }
  });
});

describe('a published site', () => {
  const index = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as TerritoriesIndex;
  const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as Dataset;
  const pkg = buildPublication({ kind: 'import', label: 'fixture', createdAt: '2026-01-01', supports: demo.supports.filter((x) => x.fund !== 'adie'), layoffs: demo.layoffs }, index, {
    date: '2026-01-31',
    sources: ['fonds-2025.xlsx'],
  });
  let site: { baseUrl: string; close: () => Promise<void> };
  let s: Session;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-i18n-published-'));
    writePublishedSite(process.env.E2E_DIST ?? 'dist', dir, pkg);
    const server = createAppServer(resolve(dir));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    site = { baseUrl: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
    s = await openApp(site.baseUrl, '', { viewport: DESKTOP });
  });
  afterAll(async () => {
    await s?.close();
    await site?.close();
  });

  it('shows the published tables, the notes and the footer in English, and French again', async () => {
    const p = s.page;
    await mapReady(p);
    await p.waitForSelector('#communes-table tr[data-code="13055"]');
    await p.click('#lang-switch');
    await waitForText(p, '#panel h1', 'Where did the revitalisation funds go?');
    await expectEnglishShell(p);
    await p.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('lang') === 'en');
    expect(clean(await p.textContent('#breakdown-title'))).toBe('By fund and by year');
    expect(clean(await p.textContent('#filters-unavailable'))).toMatch(/^Filters by fund, year and sector are not offered on the published site/);
    const adie = await p.$$eval('#breakdown-funds tr[data-row="fund-adie"] > *', (cells) => cells.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(adie).toEqual(['ADIE fund', '0', '0', '€0']);
    expect(clean(await p.textContent('#breakdown-funds tr[data-row="total"] th'))).toMatch(/^Bouches-du-Rhône( \(incl\. confidential\))?$/);
    // A suppressed commune says so in English.
    const secret = Object.entries(pkg.tables.communes).find(([, f]) => f.jobs === null)![0];
    const row = clean(await p.textContent(`#tableau tr[data-code="${secret}"]`));
    expect(row).not.toContain('secret statistique');
    expect(row).toMatch(/confidential/i);
    // No internal words in the footer of a published site.
    expect(await p.textContent('.fr-footer__content-desc')).not.toContain('No data leaves this computer');

    await p.click('#open-sources');
    await waitForText(p, '#sources-title', 'Sources and licences');
    expect(clean(await p.textContent('#demo-notes'))).toBe('Data published on 31 January 2026.');
    await shot(p, 'i18n-shell-published-sources-en');
    await p.keyboard.press('Escape');
    await p.evaluate(() => window.scrollTo(0, 0));
    await shot(p, 'i18n-shell-published-en');
    expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
    await expectAxeClean(p);

    await p.click('#lang-switch');
    await waitForText(p, '#breakdown-title', 'Par fonds et par année');
    await expectFrenchShell(p);
    await p.waitForFunction(() => !new URLSearchParams(location.hash.split('?')[1] ?? '').has('lang'));
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
