// The steering committee's annual review (#/bilan/<année>) and its A4-landscape PDF, the
// comparison of two territories (#/comparer/a/b) against their profiles, the year slider.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, openApp, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

interface DemoSupport {
  id: string;
  siret: string | null;
  fund: string;
  date: string;
  amountEur: number;
  jobsAchieved: number | null;
  jobsPlanned: number | null;
  communeCode: string;
  isMicroEntrepreneur: boolean;
  publishable?: boolean;
}
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as { supports: DemoSupport[] };
const digits = (t: string | null) => Number((t ?? '').replace(/[^\d]/g, ''));
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
const mediaBoxes = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);

const YEAR = 2022;
const inYear = demo.supports.filter((s) => s.date.startsWith(String(YEAR)));
const jobsOf = (s: DemoSupport) => s.jobsAchieved ?? s.jobsPlanned ?? 0;

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl, `#/bilan/${YEAR}`);
  await s.page.waitForSelector('#annual-review[data-year="2022"] #review-key', { timeout: 55_000 });
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

const keyCell = (page: Page, label: string, col: string) => page.textContent(`#bilan-chiffres-cles tr[data-row="${label}"] td[data-col="${col}"]`);

describe('annual review', () => {
  it('shows the year’s figures, computed independently here from the demo file', async () => {
    const page = s.page;
    expect(await page.textContent('#review-title')).toContain(`Bilan ${YEAR}`);
    expect(await page.isVisible('#review-demo-badge')).toBe(true);
    expect(await page.isVisible('#map')).toBe(false);
    const companies = new Set(inYear.map((x) => (x.siret ? x.siret : x.id))).size;
    expect(digits(await keyCell(page, 'Entreprises soutenues', 'now'))).toBe(companies);
    expect(digits(await keyCell(page, 'Emplois créés', 'now'))).toBe(inYear.reduce((a, x) => a + jobsOf(x), 0));
    expect(digits(await keyCell(page, 'Montant des aides (€)', 'now'))).toBe(inYear.reduce((a, x) => a + x.amountEur, 0));
    const upTo = demo.supports.filter((x) => Number(x.date.slice(0, 4)) <= YEAR);
    expect(digits(await keyCell(page, 'Emplois créés', 'cumul'))).toBe(upTo.reduce((a, x) => a + jobsOf(x), 0));
    // Per fund (year), one page per fund, the maps drawn.
    const adie = inYear.filter((x) => x.fund === 'adie');
    expect(digits(await page.textContent('#bilan-fonds-annee tr[data-row="ADIE"] td[data-col="companies"]'))).toBe(adie.length);
    for (const f of ['ampa', 'airbus', 'adie']) expect(await page.isVisible(`#review-fund-${f}`)).toBe(true);
    await page.waitForSelector('#review-map-zones svg path[data-zone="none"]', { timeout: 15_000 });
    expect(await page.locator('#review-map-supports svg circle').count()).toBe(upTo.length);
    await page.screenshot({ path: join(ARTIFACTS, 'review-2022.png'), fullPage: true });
  });

  it('public mode masks small groups and never draws a micro-entrepreneur', async () => {
    const page = s.page;
    await page.goto(new URL(`#/bilan/${YEAR}?mode=public`, server.baseUrl).href);
    await page.waitForSelector('#annual-review[data-mode="public"] #review-maps', { timeout: 15_000 });
    const upTo = demo.supports.filter((x) => Number(x.date.slice(0, 4)) <= YEAR);
    await page.waitForSelector('#review-map-supports svg circle');
    // Public mode draws only the companies that agreed to publication, never a micro-entrepreneur.
    expect(await page.locator('#review-map-supports svg circle').count()).toBe(upTo.filter((x) => x.publishable && !x.isMicroEntrepreneur).length);
    expect(await page.textContent('#review-mode')).toContain('secret statistique appliqué');
    const ampaYear = new Set(inYear.filter((x) => x.fund === 'ampa').map((x) => x.siret)).size;
    const cell = await page.textContent('#bilan-fonds-annee tr[data-row="AMPA"] td[data-col="companies"]');
    expect(cell?.trim()).toBe(ampaYear < 3 ? 'secret statistique' : String(ampaYear));
  });

  it('prints as an A4-landscape report of 11 pages with page numbers, date and sources on every page', async () => {
    const page = s.page;
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: null });
    writeFileSync(join(ARTIFACTS, 'review-2022-public.pdf'), pdf);
    expect(pdfPages(pdf)).toBe(11);
    const boxes = mediaBoxes(pdf);
    expect(boxes.length).toBeGreaterThanOrEqual(11);
    for (const [w, h] of boxes) {
      expect(Math.round(w)).toBe(842); // A4 landscape: 297 × 210 mm = 842 × 595 pt
      expect(Math.round(h)).toBe(595);
    }
  });

  it('made no request outside its own origin and logged no error', () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core WCAG 2.1 A/AA violations of the page (ids and first targets). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
  });
}

describe('accessibility of the new pages', () => {
  it('review, method and comparison pages have no WCAG 2.1 A/AA violation', async () => {
    const page = s.page;
    for (const [hash, ready] of [
      [`#/bilan/${YEAR}`, '#review-map-zones svg'],
      ['#/methode', '#glossary'],
      ['#/comparer/13047/13004', '#compare-table'],
    ] as const) {
      await page.goto(new URL(hash, server.baseUrl).href);
      await page.waitForSelector(ready, { timeout: 20_000 });
      const v = await axe(page);
      if (v.length) console.log(hash, v);
      expect(v, hash).toEqual([]);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'method.png'), fullPage: false });
  });
});

/** Key figures of a profile's own column. */
async function profileFigures(page: Page, code: string): Promise<Record<string, string>> {
  await page.goto(new URL(`#/commune/${code}`, server.baseUrl).href);
  await page.waitForFunction((c) => document.querySelector('#commune-profile')?.getAttribute('data-code') === c, code, { timeout: 15_000 });
  await page.waitForSelector('#profile-comparison td[data-figure="jobs"]');
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#profile-comparison tr[data-row]')].map((tr) => [tr.getAttribute('data-row')!, tr.querySelector('td[data-col="self"]')!.textContent!.trim()])));
}

describe('comparison of two territories', () => {
  it('shows the same figures as the two profiles, with the département, and is reachable from a profile', async () => {
    const page = s.page;
    const istres = await profileFigures(page, '13047');
    const a4 = await profileFigures(page, '13204');
    // From the profile: « Comparer avec… » opens a comparison starting with this territory.
    await page.click('#profile-compare');
    await page.waitForSelector('#compare-table');
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/comparer\/13204\/\d{5}/);
    // A shared link opens the same comparison.
    await page.goto(new URL('#/comparer/13047/13204', server.baseUrl).href);
    await page.waitForFunction(() => document.querySelector('#compare-panel')?.getAttribute('data-codes') === '13047,13204', null, { timeout: 15_000 });
    const cmp = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('#compare-table tr[data-row]')].map((tr) => [
          tr.getAttribute('data-row')!,
          [...tr.querySelectorAll('td')].map((td) => `${td.getAttribute('data-col')}=${td.textContent!.trim()}`),
        ]),
      ),
    );
    for (const key of Object.keys(istres)) {
      expect(cmp[key]).toContain(`a=${istres[key]}`);
      expect(cmp[key]).toContain(`b=${a4[key]}`);
      expect(cmp[key].some((c: string) => c.startsWith('departement='))).toBe(true);
    }
    expect(Object.keys(istres).length).toBeGreaterThanOrEqual(4);
    // An EPCI can be compared too.
    await page.selectOption('#compare-pick-1', { index: 119 + 16 });
    await page.waitForFunction(() => /^#\/comparer\/13047\/\d{9}/.test(location.hash), null, { timeout: 5000 });
    await page.waitForSelector('#compare-table td[data-col="b"]');
    await page.screenshot({ path: join(ARTIFACTS, 'compare.png') });
  });
});

/** Supports drawn on the map (the GeoJSON source's features). */
const drawnCount = (page: Page) =>
  page.evaluate(async () => {
    const src = (window as any).__map.getSource('supports');
    const d = await src.getData();
    return d.features.length as number;
  });

describe('year slider', () => {
  it('changes the map: cumulative up to a year, a single year, played to the end', async () => {
    const page = s.page;
    await page.goto(new URL('#/', server.baseUrl).href);
    await waitForMapReady(page);
    await page.waitForSelector('#slider-year');
    const all = await drawnCount(page);
    expect(all).toBe(demo.supports.length);
    // Keyboard: Home goes to the first year (cumulative: just that year's supports).
    await page.focus('#slider-year');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('#year-slider')?.getAttribute('data-year') === '2018');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#year-slider')?.getAttribute('data-year') === '2020');
    const upTo2020 = demo.supports.filter((x) => Number(x.date.slice(0, 4)) <= 2020).length;
    await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), upTo2020, { timeout: 10_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('slider-year');
    expect(await page.evaluate(() => location.hash)).toContain('a=2020');
    await waitForIdle(page);
    await shot(page, 'slider-2020');
    // Per year: only 2020.
    await page.click('label[for="slider-annee"]');
    const only2020 = demo.supports.filter((x) => x.date.startsWith('2020')).length;
    await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), only2020, { timeout: 10_000 });
    // Play: steps year by year and stops at the last one.
    await page.click('#slider-play');
    await page.waitForFunction(() => document.querySelector('#year-slider')?.getAttribute('data-year') === '2023' && document.querySelector('#year-slider')?.getAttribute('data-playing') === 'false', null, { timeout: 20_000 });
    const only2023 = demo.supports.filter((x) => x.date.startsWith('2023')).length;
    expect(await drawnCount(page)).toBe(only2023);
  });

  it('with reduced motion there is no play button, only year steps', async () => {
    const page = s.page;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('#slider-next');
    expect(await page.locator('#slider-play').count()).toBe(0);
    await page.emulateMedia({ reducedMotion: null });
  });

  it('a breakdown bar filters the map, a second click removes the filter', async () => {
    const page = s.page;
    await page.goto(new URL('#/', server.baseUrl).href);
    await page.waitForSelector('#breakdowns [data-breakdown="fund"] button[data-key="airbus"]');
    await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), demo.supports.length, { timeout: 10_000 });
    await page.click('#breakdowns [data-breakdown="fund"] button[data-key="airbus"]');
    const airbus = demo.supports.filter((x) => x.fund === 'airbus').length;
    await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), airbus, { timeout: 10_000 });
    expect(await page.getAttribute('#breakdowns [data-breakdown="fund"] button[data-key="airbus"]', 'aria-pressed')).toBe('true');
    await page.click('#breakdowns [data-breakdown="size"] button[data-key="eti"]');
    expect(await page.evaluate(() => location.hash)).toContain('taille=eti');
    await waitForIdle(page);
    await shot(page, 'breakdowns');
    await page.click('#breakdowns [data-breakdown="size"] button[data-key="eti"]');
    await page.click('#breakdowns [data-breakdown="fund"] button[data-key="airbus"]');
    await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), demo.supports.length, { timeout: 10_000 });
  });

  it('kiosk story « De 2019 à aujourd’hui »: each year shows what was done by then, leaving restores the full period', async () => {
    const k = await openApp(server.baseUrl, '?mode=kiosque&veille=600&reinit=900', { hasTouch: true });
    try {
      const page = k.page;
      await page.waitForSelector('.kiosk-nav button[data-panel="timeline"]', { timeout: 45_000 });
      await page.waitForFunction(() => !!(window as any).__map?.getSource('supports'), null, { timeout: 45_000 });
      expect((await page.textContent('.kiosk-nav button[data-panel="timeline"]'))?.trim()).toBe('De 2019 à aujourd’hui');
      await page.tap('.kiosk-nav button[data-panel="timeline"]');
      await page.waitForSelector('#kiosk-timeline-year');
      expect((await page.textContent('#kiosk-timeline-year'))?.trim()).toBe('2019');
      const drawn = (y: number) => demo.supports.filter((x) => Number(x.date.slice(0, 4)) <= y && x.publishable && !x.isMicroEntrepreneur).length;
      await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), drawn(2019), { timeout: 10_000 });
      await page.tap('#kiosk-timeline-next');
      await page.waitForFunction(() => document.querySelector('#kiosk-timeline-year')?.textContent?.trim() === '2020');
      await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), drawn(2020), { timeout: 10_000 });
      await shot(page, 'kiosk-timeline-2020');
      await page.tap('.kiosk-nav button[data-panel="figures"]');
      await page.waitForFunction(async (n) => ((await (window as any).__map.getSource('supports').getData()).features.length === n), drawn(9999), { timeout: 10_000 });
      expect(foreignRequests(k)).toEqual([]);
      expect(k.errors).toEqual([]);
    } finally {
      await k.close();
    }
  });

  it('still made no foreign request and logged no error', () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
