// Commune profile for elected officials: direct link, header search, history, privacy modes,
// printable A4 sheet.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, openApp, shot, startServer, waitForIdle, waitForMapReady, waitForProfileComplete, type Session } from './harness.ts';

interface DemoSupport {
  id: string;
  companyName: string;
  siret: string | null;
  amountEur: number;
  jobsAchieved: number | null;
  jobsPlanned: number | null;
  communeCode: string;
  arrondissementCode: string | null;
  isMicroEntrepreneur: boolean;
  publishable?: boolean;
}
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as { supports: DemoSupport[] };
const territories = JSON.parse(readFileSync('public/data/territoires.json', 'utf8'));
const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const digits = (t: string | null) => Number((t ?? '').replace(/[^\d]/g, ''));

const supportsOf = (code: string) => demo.supports.filter((s) => s.communeCode === code);
const companiesOf = (code: string) => new Set(supportsOf(code).map((s) => (s.siret ? `s:${s.siret}` : `i:${s.id}`))).size;
const jobsOf = (code: string) => supportsOf(code).reduce((n, s) => n + (s.jobsAchieved ?? s.jobsPlanned ?? 0), 0);
const microNames = demo.supports.filter((s) => s.isMicroEntrepreneur).map((s) => s.companyName);
const refusedNames = demo.supports.filter((s) => !s.isMicroEntrepreneur && !s.publishable).map((s) => s.companyName);

// A commune with 1 or 2 companies (statistical secrecy applies), preferring La Ciotat (2).
const secretCode = companiesOf('13028') > 0 && companiesOf('13028') < 3 ? '13028' : [...new Set(demo.supports.map((s) => s.communeCode))].find((c) => c !== '13055' && companiesOf(c) > 0 && companiesOf(c) < 3)!;

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

const h1 = (page: Page) => page.textContent('#profile-title');
const selfFigure = (page: Page, key: string) => page.textContent(`#profile-comparison td[data-figure="${key}"]`);

async function waitForProfile(page: Page, code: string, name: string) {
  await page.waitForFunction(
    ([c, n]) => document.querySelector('#commune-profile')?.getAttribute('data-code') === c && document.querySelector('#profile-title')?.textContent?.trim() === n,
    [code, name],
    // The profile chunk and its figures: seconds on a quiet machine, much more when both cores are busy.
    { timeout: 60_000 },
  );
  await waitForProfileComplete(page, code);
}

async function searchAndOpen(page: Page, query: string, code: string, name: string) {
  await page.fill('#header-search', query);
  await page.waitForSelector('#header-search-list li', { timeout: 5000 });
  await page.press('#header-search', 'ArrowDown');
  await page.press('#header-search', 'Enter');
  await waitForProfile(page, code, name);
  await page.waitForFunction((c) => location.hash.startsWith(`#/commune/${c}`), code, { timeout: 5000 });
}

async function setMode(page: Page, mode: 'public' | 'interne') {
  const isPublic = await page.isChecked('#privacy-toggle');
  if (isPublic !== (mode === 'public')) await page.click('label[for="privacy-toggle"]');
  await page.waitForFunction((m) => document.querySelector('main')?.getAttribute('data-mode') === m, mode);
}

async function openProfile(page: Page, code: string, name: string) {
  // Keeps the query (privacy mode, filters): a hash without it means the defaults (internal mode).
  await page.evaluate((c) => {
    const q = location.hash.indexOf('?');
    location.hash = `#/commune/${c}${q >= 0 ? location.hash.slice(q) : ''}`;
  }, code);
  await waitForProfile(page, code, name);
}

/** Number of pages of a PDF produced by Chromium (page objects, not the /Pages tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl, '#/commune/13047');
  await waitForMapReady(s.page);
  await waitForProfile(s.page, '13047', 'Istres');
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('commune profile', () => {
  it('opens Istres directly from its link, with its figures, and zooms the map on it', async () => {
    const page = s.page;
    expect(await page.title()).toBeTruthy();
    expect(await selfFigure(page, 'companies')).toBe(fr(companiesOf('13047')));
    expect(digits(await selfFigure(page, 'jobs'))).toBe(jobsOf('13047'));
    expect(await page.textContent('#profile-comparison')).toContain('le département (Bouches-du-Rhône)');
    expect(await page.textContent('#profile-demo-badge')).toContain('Données de démonstration');
    expect(await page.textContent('#profile-context')).toContain('Martigues-Salon');
    expect(await page.locator('#profile-qpv li').count()).toBeGreaterThan(0);
    expect(await page.locator('#profile-layoffs tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('svg[role="img"][data-series="jobs"]').count()).toBe(1);
    expect(await page.locator('#profile-similar tr[aria-current="true"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-title');

    await page.waitForFunction(() => (window as any).__map.getZoom() > 10 && !(window as any).__map.isMoving(), null, { timeout: 10_000 });
    await waitForIdle(page);
    const [w, so, e, n] = territories.communes.find((c: any) => c.code === '13047').bbox;
    const view = await page.evaluate(() => {
      const map = (window as any).__map;
      const c = map.getCenter();
      return { zoom: map.getZoom(), lng: c.lng, lat: c.lat };
    });
    expect(view.zoom).toBeGreaterThan(10);
    expect(view.lng).toBeGreaterThan(w);
    expect(view.lng).toBeLessThan(e);
    expect(view.lat).toBeGreaterThan(so);
    expect(view.lat).toBeLessThan(n);
    expect(await page.inputValue('[data-testid="profile-url"]')).toContain('#/commune/13047');
    await shot(page, 'profile-istres');
    // The whole panel, on a tall window.
    await page.setViewportSize({ width: 1280, height: 3000 });
    await page.locator('#panel').screenshot({ path: join(ARTIFACTS, 'profile-istres-panel.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('asks for each start-up file once: the page preloads them, the app reuses the preloads', async () => {
    const startFiles = ['/data/territoires.json', '/data/manifest.json', '/data/publication.json', '/demo-dataset-'];
    const counts = startFiles.map((f) => s.requests.filter((u) => new URL(u).pathname.includes(f)).length);
    expect(counts).toEqual([1, 1, 1, 1]);
    expect(s.errors).toEqual([]);
  });

  it('a profile link renders the profile first, in the link’s language: never the map home on the way', async () => {
    await s.context.addInitScript(() => {
      const w = window as unknown as { sawHome?: boolean; firstLang?: string };
      new MutationObserver(() => {
        if (document.getElementById('key-figures-title')) w.sawHome = true;
        if (w.firstLang === undefined && document.getElementById('commune-profile')) w.firstLang = document.documentElement.lang;
      }).observe(document, { subtree: true, childList: true });
    });
    const page = await s.context.newPage();
    try {
      await page.goto(new URL('#/commune/13047?lang=en', s.baseUrl).href);
      await waitForProfileComplete(page, '13047');
      expect(await page.evaluate(() => (window as unknown as { sawHome?: boolean }).sawHome ?? false)).toBe(false);
      expect(await page.evaluate(() => (window as unknown as { firstLang?: string }).firstLang)).toBe('en');
    } finally {
      await page.close();
    }
  });

  it('finds communes and arrondissements in the header search and opens their profile', async () => {
    const page = s.page;
    await searchAndOpen(page, 'Saintes Maries', '13096', 'Saintes-Maries-de-la-Mer');
    await searchAndOpen(page, 'la ciotat', '13028', 'La Ciotat');
    await searchAndOpen(page, '13600', '13028', 'La Ciotat');
    await searchAndOpen(page, 'Marseille 3e', '13203', 'Marseille 3e arrondissement');
    expect(await page.getAttribute('#profile-parent', 'href')).toBe('#/commune/13055');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-title');
  });

  it('goes back to the previous profile with the browser history', async () => {
    await s.page.goBack();
    await waitForProfile(s.page, '13028', 'La Ciotat');
    expect(await s.page.evaluate(() => location.hash)).toMatch(/^#\/commune\/13028/);
  });

  it('applies statistical secrecy in public mode, not in internal mode', async () => {
    const page = s.page;
    const code = secretCode;
    const name = territories.communes.find((c: any) => c.code === code).nom;
    await openProfile(page, code, name);
    await setMode(page, 'interne');
    expect(await selfFigure(page, 'companies')).toBe(fr(companiesOf(code)));
    await setMode(page, 'public');
    expect(await page.textContent('#profile-mode')).toContain('Mode public : secret statistique appliqué');
    expect(await selfFigure(page, 'companies')).toBe('secret statistique');
    expect(await selfFigure(page, 'jobs')).toBe('secret statistique');
    expect(await selfFigure(page, 'amount')).toBe('secret statistique');
    expect(await selfFigure(page, 'per1000')).toBe('secret statistique');
    expect(await page.textContent('#profile-secret-note')).toContain('moins de 3 entreprises');
    // Years are published for the département only.
    expect(await page.textContent('#profile-years-public')).toMatch(/que pour l’ensemble du département/);
    await checkPublicPage(page, code);

    // Marseille: many companies and micro-entrepreneurs; only the consenting companies are named.
    await openProfile(page, '13055', 'Marseille');
    await checkPublicPage(page, '13055');
    expect(await page.textContent('#profile-micro')).toMatch(/Seules les entreprises qui ont accepté la diffusion sont nommées/);

    await openProfile(page, '13047', 'Istres');
    await checkPublicPage(page, '13047');
    await shot(page, 'profile-istres-public');

    // Internal mode lists them, with amounts.
    await setMode(page, 'interne');
    const text = await page.textContent('#profile-supports');
    expect(supportsOf('13047').filter((x) => x.isMicroEntrepreneur).every((x) => text!.includes(x.companyName))).toBe(true);
    expect(text).toContain('€');
  });

  it('prints an A4 sheet of at most two pages without the UI chrome', async () => {
    const page = s.page;
    await setMode(page, 'public');
    await openProfile(page, '13047', 'Istres');
    await page.waitForFunction(() => !(window as any).__map.isMoving(), null, { timeout: 10_000 });
    await waitForIdle(page);
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('#profile-print-map img')?.src.startsWith('data:image/png'), null, { timeout: 10_000 });

    await page.emulateMedia({ media: 'print' });
    const display = await page.evaluate(() =>
      Object.fromEntries(
        ['.app-nav', '#import-panel', '.map-overlay-buttons', '.fr-skiplinks', '#tableau', '#profile-print', '.app-map-area'].map((sel) => {
          const el = document.querySelector(sel);
          return [sel, el ? getComputedStyle(el).display : 'absent'];
        }),
      ),
    );
    expect(display['.app-nav']).toBe('none');
    expect(display['.map-overlay-buttons']).toBe('none');
    // The import panel belongs to the map home; on the profile page it is not rendered at all.
    expect(['none', 'absent']).toContain(display['#import-panel']);
    expect(display['.fr-skiplinks']).toBe('none');
    expect(display['#tableau']).toBe('none');
    expect(display['#profile-print']).toBe('none');
    const img = await page.evaluate(() => {
      const el = document.querySelector<HTMLImageElement>('#profile-print-map img')!;
      const r = el.getBoundingClientRect();
      return { display: getComputedStyle(el.closest('figure')!).display, width: r.width, natural: el.naturalWidth };
    });
    expect(img.display).toBe('block');
    expect(img.width).toBeGreaterThan(200);
    expect(img.natural).toBeGreaterThan(200);
    expect(await page.textContent('#profile-print-map')).toMatch(/données de démonstration.*Fiche imprimée le/);
    const colour = await page.evaluate(() => getComputedStyle(document.querySelector('#profile-title')!).color);
    expect(colour).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'profile-print.png'), fullPage: true });
    // The same at the width of an A4 page's printable area (186 mm at 96 dpi), to look at the layout.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.screenshot({ path: join(ARTIFACTS, 'profile-print-a4.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });

    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    writeFileSync(join(ARTIFACTS, 'profile-13047.pdf'), pdf);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);

    // The internal sheet (amounts, micro-entrepreneurs listed) fits too.
    await page.emulateMedia({ media: null });
    await setMode(page, 'interne');
    await page.emulateMedia({ media: 'print' });
    const pdfInterne = await page.pdf({ format: 'A4' });
    writeFileSync(join(ARTIFACTS, 'profile-13047-interne.pdf'), pdfInterne);
    expect(pdfPages(pdfInterne)).toBeLessThanOrEqual(2);
    await page.emulateMedia({ media: null });
  });

  it('made no request outside its own origin and logged no error', async () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

/** Public mode: no micro-entrepreneur, no company without consent, no company amount anywhere on the page. */
async function checkPublicPage(page: Page, code: string) {
  const body = (await page.evaluate(() => document.body.innerText)) ?? '';
  for (const n of microNames) expect(body, `micro-entrepreneur « ${n} » shown in public mode`).not.toContain(n);
  for (const n of refusedNames) expect(body, `company « ${n} » shown in public mode without consent`).not.toContain(n);
  const listed = await page.$$eval('#profile-supports [data-support]', (rows) => rows.map((r) => r.getAttribute('data-support')));
  expect(listed.sort()).toEqual(supportsOf(code).filter((x) => x.publishable && !x.isMicroEntrepreneur).map((x) => x.id).sort());
  const list = (await page.locator('#profile-supports').count()) ? await page.textContent('#profile-supports') : '';
  expect(list).not.toContain('€');
  expect(await page.locator('#profile-supports th', { hasText: 'Montant' }).count()).toBe(0);
  // No amount of any company of the commune appears next to its name.
  for (const sup of supportsOf(code).filter((x) => !x.isMicroEntrepreneur)) {
    const row = page.locator('#profile-supports tr', { hasText: sup.companyName });
    if (await row.count()) expect(await row.first().textContent()).not.toContain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(sup.amountEur));
  }
}
