// The commune profile in English (issue 16 item 6): a link with `lang=en` opens the profile in
// English (headings, labels, English number formats), the commune's name as it is, `<html lang>`
// following; the same link without `lang=en` gives French back; in public mode a suppressed figure
// reads the English secrecy label; the comparison page and the embedded view too. Phone and desktop
// screenshots, no horizontal scroll, axe clean.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, settle, shot, startServer, waitForMapReady, waitForProfileComplete, type Session } from './harness.ts';
import { messagesFor } from '../../src/lib/i18n/catalogue.ts';

interface DemoSupport {
  id: string;
  siret: string | null;
  amountEur: number;
  jobsAchieved: number | null;
  jobsPlanned: number | null;
  communeCode: string;
}
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as { supports: DemoSupport[] };
const en = messagesFor('en');
const enInt = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const frInt = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const jobsOf = (list: DemoSupport[]) => list.reduce((n, s) => n + (s.jobsAchieved ?? s.jobsPlanned ?? 0), 0);
const companiesOf = (code: string) =>
  new Set(demo.supports.filter((s) => s.communeCode === code).map((s) => (s.siret ? `s:${s.siret}` : `i:${s.id}`))).size;
// A commune with 1 or 2 companies: its figures are suppressed in public mode.
const secretCode = [...new Set(demo.supports.map((s) => s.communeCode))].find((c) => c !== '13055' && companiesOf(c) > 0 && companiesOf(c) < 3)!;
const ISTRES_POPULATION = (JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as { communes: { code: string; population: number }[] }).communes.find(
  (c) => c.code === '13047',
)!.population;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const text = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectAxeClean(page: Page) {
  const v = await axe(page);
  expect(v, describeViolations(v)).toEqual([]);
}

/** The profile of `code` is shown with its figures, in the language whose figures title is `title`. */
async function waitForProfile(page: Page, code: string, title: string) {
  await page.waitForFunction(
    ([c, t]) =>
      document.querySelector('#commune-profile')?.getAttribute('data-code') === c &&
      !!document.querySelector('#profile-comparison td[data-figure="jobs"]') &&
      document.querySelector('#profile-figures-title')?.textContent?.trim() === t,
    [code, title],
    { timeout: 20_000 },
  );
  await waitForProfileComplete(page, code);
}

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('commune profile in English, desktop 1280×800', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp(server.baseUrl, '#/commune/13047?lang=en', { viewport: DESKTOP });
    await waitForProfile(s.page, '13047', 'Revitalisation funds in Istres');
    await waitForMapReady(s.page);
  });
  afterAll(async () => s?.close());

  it('opens in English from a lang=en link: headings, labels, English numbers, the commune name unchanged', async () => {
    const { page } = s;
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, '#profile-title')).toBe('Istres');
    expect(await text(page, '#profile-context-title')).toBe('The area');
    expect(await text(page, '#profile-years-title')).toBe('Year by year');
    expect(await text(page, '#profile-supports-title')).toBe('Companies supported');
    expect(await text(page, '#profile-similar-title')).toBe('Comparable communes');
    expect(await text(page, '#profile-print')).toBe('Print the profile');
    expect(await text(page, '#profile-share')).toBe('Share');
    expect(await text(page, '#profile-back')).toBe('Back to the map');
    expect(await text(page, '#profile-comparison tr[data-row="per1000"] th')).toBe('Jobs created per 1,000 inhabitants');
    expect(await text(page, '#profile-comparison caption')).toMatch(/^Key figures for Istres compared with its intercommunality \(.+\), the département \(Bouches-du-Rhône\)$/);
    expect(await text(page, '#profile-context')).toContain(`${enInt(ISTRES_POPULATION)} inhabitants`);
    expect(await text(page, '#profile-context')).toContain('Employment area (zone d’emploi)');
    // English number formats: the département's jobs and amount (demo: 1,100 jobs, about €1.3m).
    const depJobs = jobsOf(demo.supports);
    expect(depJobs).toBeGreaterThanOrEqual(1000);
    expect(await text(page, '#profile-comparison tr[data-row="jobs"] td[data-col="departement"]')).toBe(enInt(depJobs));
    expect(await text(page, '#profile-comparison tr[data-row="amount"] td[data-col="departement"]')).toMatch(/^€\d\.\d{1,2}m$/);
    expect(await text(page, '#profile-comparison td[data-figure="jobs"]')).toBe(enInt(jobsOf(demo.supports.filter((x) => x.communeCode === '13047'))));
    // Unemployment: "9.8% (Q4 2025)"-like, never a French decimal comma.
    expect(await text(page, '#profile-context')).toMatch(/\d\.\d% \(Q[1-4] \d{4}\)/);
    // No French left in the profile's headings.
    expect(await text(page, '#commune-profile h2')).not.toMatch(/Fonds|territoire|Année/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-profile-en-desktop');
    await expectAxeClean(page);
  });

  it('offers the iframe code in English, opening the embedded view in English', async () => {
    const { page } = s;
    await page.click('#profile-embed summary');
    expect(await text(page, '#profile-embed summary')).toBe('Embed this profile in another website');
    const code = await page.inputValue('[data-testid="profile-embed-code"]');
    expect(code).toContain(`src="${server.baseUrl}?mode=integration#/commune/13047?lang=en"`);
    expect(code).toContain('title="Revitalisation funds: Istres"');
    await page.click('#profile-embed summary');
  });

  it('prints the A4 sheet in English', async () => {
    const { page } = s;
    await page.emulateMedia({ media: 'print' });
    try {
      await page.waitForSelector('#profile-print-map', { state: 'visible' });
      expect(await text(page, '.print-header')).toBe('Revitalisation funds in Bouches-du-Rhône – commune profile (DDETS 13)');
      expect(await text(page, '#profile-print-map figcaption')).toBe('Map: Istres and surrounding area');
      expect(await text(page, '#profile-print-map .print-sources')).toMatch(/^Sources: IGN ADMIN EXPRESS.* Profile printed on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
      expect(await text(page, '#profile-print-map .print-legend')).toContain('Priority neighbourhood (QPV)');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('goes back to French when the same link is opened without lang=en', async () => {
    const { page } = s;
    await page.evaluate(() => (location.hash = '#/commune/13047'));
    await waitForProfile(page, '13047', 'Fonds de revitalisation à Istres');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await text(page, '#profile-title')).toBe('Istres');
    expect(await text(page, '#profile-context-title')).toBe('Le territoire');
    expect(await text(page, '#profile-print')).toBe('Imprimer la fiche');
    expect(await text(page, '#profile-comparison tr[data-row="jobs"] td[data-col="departement"]')).toBe(frInt(jobsOf(demo.supports)).replace(/\s/g, ' '));
    expect(await text(page, '#profile-context')).toContain(`${frInt(ISTRES_POPULATION).replace(/\s/g, ' ')} habitants`);
  });

  it('public mode: a suppressed figure reads the English secrecy label', async () => {
    const { page } = s;
    await page.evaluate((c) => (location.hash = `#/commune/${c}?mode=public&lang=en`), secretCode);
    await page.waitForFunction(
      ([c, label]) =>
        document.querySelector('#commune-profile')?.getAttribute('data-code') === c &&
        document.querySelector('#profile-comparison td[data-figure="companies"]')?.textContent?.trim() === label,
      [secretCode, en.common.secretLabel],
      { timeout: 20_000 },
    );
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('main', 'data-mode')).toBe('public');
    expect(en.common.secretLabel).toMatch(/confidential/i);
    for (const key of ['companies', 'jobs', 'amount', 'per1000']) {
      expect(await text(page, `#profile-comparison td[data-figure="${key}"]`), key).toBe(en.common.secretLabel);
    }
    expect(await text(page, '#profile-mode')).toBe('Public mode: statistical confidentiality applied');
    expect(await text(page, '#profile-secret-note')).toContain('fewer than 3 companies');
    expect(await text(page, '#profile-years-public')).toMatch(/^Figures by year are published only for the whole département/);
    expect(await text(page, '#commune-profile')).not.toContain('secret statistique');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#profile-comparison').scrollIntoViewIfNeeded();
    await shot(page, 'i18n-profile-en-public-secret');
    await expectAxeClean(page);
  });

  it('the comparison page in English', async () => {
    const { page } = s;
    await page.evaluate(() => (location.hash = '#/comparer/13047/13005?lang=en'));
    await page.waitForFunction(() => /^Istres and /.test(document.querySelector('#compare-title')?.textContent?.trim() ?? '') && !!document.querySelector('#compare-table td'));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, '#compare-table caption')).toMatch(/^Key figures: Istres, .+ and the département$/);
    expect(await page.getAttribute('#compare-pick-0 optgroup:nth-of-type(3)', 'label')).toBe('Intercommunalities (EPCI)');
    expect(await text(page, 'label[for="compare-pick-1"]')).toBe('Second area');
    expect(await text(page, '#compare-table tr[data-row="jobs"] td[data-col="departement"]')).toBe(enInt(jobsOf(demo.supports)));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-compare-en-desktop');
    await expectAxeClean(page);
  });

  it('the map’s key figures and company card in English', async () => {
    const { page } = s;
    await page.evaluate(() => (location.hash = '#/?lang=en'));
    await page.waitForFunction(() => document.querySelector('#key-figures-title')?.textContent?.trim() === 'Key figures for the selection');
    expect(await text(page, '#key-figures [data-figure="jobs"]')).toBe(enInt(jobsOf(demo.supports)));
    expect(await text(page, '#key-figures')).toMatch(/jobs created/);
    expect(await text(page, '#key-figures')).toMatch(/In QPV \(priority neighbourhoods\): \d+\.\d% of jobs created\./);
    await page.evaluate(() => (window as any).__map.jumpTo({ center: [5.45, 43.52], zoom: 12.5 }));
    await settle(page);
    const target = await page.evaluate(() => {
      const map = (window as any).__map;
      const f = map.queryRenderedFeatures(undefined, { layers: ['supports-point'] })[0];
      const p = map.project(f.geometry.coordinates);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector('#info-card');
    const card = await text(page, '#info-card');
    expect(card).toMatch(/Fund\s?(AMPA|Airbus Développement|ADIE)/);
    expect(card).toMatch(/Location\s?(exact address|centre of)/);
    expect(card).toMatch(/Amount\s?€\d/);
    expect(card).toMatch(/Jobs\s?\d+ created/);
    expect(await text(page, '#info-card .info-close')).toBe('Close');
    await shot(page, 'i18n-company-card-en-desktop');
    await expectAxeClean(page);
    await page.click('#info-card .info-close');
  });

  it('made no request outside its own origin and logged no error', () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

describe('commune profile in English, phone 390×844', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp(server.baseUrl, '#/commune/13047?lang=en', { viewport: PHONE, hasTouch: true });
    await waitForProfile(s.page, '13047', 'Revitalisation funds in Istres');
    // On a phone the map waits behind the « Map » button, drawn but hidden.
    await s.page.waitForSelector('#map[data-ready="true"]', { state: 'attached', timeout: 45_000 });
  });
  afterAll(async () => s?.close());

  it('shows the name and the key figures on the first screen, in English, without horizontal scroll', async () => {
    const { page } = s;
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, '#profile-title')).toBe('Istres');
    const figures = await page.locator('#profile-comparison td[data-figure="jobs"]').boundingBox();
    expect(figures!.y + figures!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-profile-en-phone');
    await expectAxeClean(page);
    // Lower down: the context and the year charts.
    await page.locator('#profile-years').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-profile-en-phone-years');
  });

  it('the embedded view in English', async () => {
    const { page } = s;
    await page.goto(`${server.baseUrl}?mode=integration#/commune/13047?lang=en`);
    await waitForProfile(page, '13047', 'Revitalisation funds in Istres');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('main', 'data-mode')).toBe('public');
    expect(await text(page, '#profile-mode')).toBe('Public mode: statistical confidentiality applied');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-embed-en-phone');
    await expectAxeClean(page);
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
