// English for the public, map and pages areas: with `lang=en` in the hash, the legend, the layer
// switcher, the choropleth controls, the method page, the accessibility statement and the router's
// notices read in English; the internal tools say they are in French only and mark their content
// lang="fr"; going back to French restores every text. Axe clean, no horizontal scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const text = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();

async function open(hash: string, ready: string) {
  await s.page.evaluate((h) => (location.hash = h), hash);
  await s.page.waitForSelector(ready);
  await waitForIdle(s.page);
}

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl, '#/?lang=en', { viewport: { width: 1280, height: 800 } });
  await waitForMapReady(s.page);
  await s.page.waitForSelector('#legend [data-legend-section="choropleth"]');
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('map legend and controls in English', () => {
  it('the legend, the layer switcher and the choropleth controls read in English, with English numbers', async () => {
    const page = s.page;
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.waitForFunction(() => document.querySelector('#legend h2')?.textContent === 'Legend');
    expect(await page.getAttribute('#legend', 'aria-label')).toBe('Map legend');
    const legend = await text(page, '#legend');
    expect(legend).toContain('Companies supported, by fund');
    expect(legend).toContain('Jobs created (area of the circle)');
    expect(legend).toContain('Communes: Jobs created (quantiles (equal counts))');
    expect(legend).toContain('Priority neighbourhoods (QPV 2024)');
    expect(legend).toContain('Bouches-du-Rhône département');
    // Fund names are proper nouns; class bounds use English words.
    expect(legend).toContain('Airbus Développement');
    expect(legend).toMatch(/over \d[\d,]* to \d[\d,]* \(\d+ communes?\)/);
    expect(legend).not.toMatch(/Légende|emplois|plus de|Limites/);

    expect(await text(page, '#layer-switcher-legend')).toBe('Layers');
    expect(await text(page, 'label[for="layer-qpv"]')).toContain('Priority neighbourhoods (QPV)');
    expect(await text(page, 'label[for="layer-qpv"]')).toContain('purple hatching');
    expect(await text(page, 'label[for="layer-zonesEmploi"]')).toBe('Employment areas');
    await page.click('label[for="layer-rural"]');
    await page.waitForSelector('label[for="rural-mode-densite"]');
    expect(await text(page, 'label[for="rural-mode-densite"]')).toBe('INSEE density grid');
    await page.waitForFunction(() => document.querySelector('#legend')?.textContent?.includes('Rural, very dispersed housing'));

    expect(await text(page, '#data-layers-legend')).toBe('Data');
    expect(await text(page, 'label[for="layer-choropleth"]')).toBe('Communes coloured by an indicator');
    expect(await text(page, 'label[for="indicator"]')).toBe('Indicator');
    const methods = await page.$$eval('#method option', (os) => os.map((o) => o.textContent));
    expect(methods).toEqual(['Quantiles (equal counts)', 'Equal intervals', 'Natural breaks (Jenks)']);
    const indicators = await page.$$eval('#indicator option', (os) => os.map((o) => o.textContent));
    expect(indicators[0]).toBe('Jobs created');
    await page.selectOption('#indicator', 'amountEur');
    await page.waitForFunction(() => /over €[\d,]+ to €[\d,]+/.test(document.querySelector('[data-legend-section="choropleth"]')?.textContent ?? ''));
    expect(await page.getAttribute('#map', 'aria-label')).toBe('Map of Bouches-du-Rhône. The same information is available as a table.');
    // MapLibre's own controls are relabelled in place.
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zoom in');
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-out', 'title')).toBe('Zoom out');

    const v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#legend').scrollIntoViewIfNeeded();
    await shot(page, 'i18n-legend-en-1280');
    await page.locator('#legend').screenshot({ path: 'test-results/e2e/i18n-legend-en-1280-element.png' });
  });

  it('going back to French restores the legend and the controls, the map is not rebuilt', async () => {
    const page = s.page;
    const generation = await page.getAttribute('#map', 'data-map-generation');
    await page.evaluate(() => (location.hash = location.hash.replace(/([?&])lang=en&?/, '$1').replace(/[?&]$/, '')));
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForFunction(() => document.querySelector('#legend h2')?.textContent === 'Légende');
    expect(await text(page, '#layer-switcher-legend')).toBe('Couches');
    expect(await text(page, 'label[for="layer-choropleth"]')).toBe('Communes colorées selon un indicateur');
    expect(await text(page, '#legend')).toMatch(/plus de [\d\u202f ]+( €)? à/);
    expect(await page.getAttribute('#map', 'data-map-generation')).toBe(generation);
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zoom avant');
    await page.evaluate(() => (location.hash = '#/?lang=en'));
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });
});

describe('public pages in English', () => {
  it('the method page', async () => {
    await open('#/methode?lang=en', '#method-page h1');
    const page = s.page;
    expect(await text(page, '#method-page h1')).toBe('Method, definitions and sources');
    expect(await text(page, '#def-emploi-cree')).toBe('Job created');
    expect(await text(page, '#microcredit')).toBe('Where is a microcredit placed?');
    const body = await text(page, '#method-content');
    expect(body).toContain('fewer than 3 companies');
    expect(body).toContain('achievement rate');
    expect(body).not.toMatch(/Glossaire|Précautions/);
    const v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-method-en-1280');
  });

  it('the accessibility statement keeps its legal references as names', async () => {
    await open('#/accessibilite?lang=en', '#accessibility-statement h1');
    const page = s.page;
    expect(await text(page, '#accessibility-statement h1')).toBe('Accessibility statement');
    const body = await text(page, '#accessibility-statement');
    expect(body).toContain('partially compliant');
    expect(body).toContain('loi n° 2005-102');
    expect(body).toContain('RGAA');
    expect(await text(page, '#statement-back')).toBe('Back to the map');
    const v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
  });

  it('a link to an unknown commune gives the English notice', async () => {
    // A link opened in a new page (the notice belongs to the link that was opened).
    const link = await openApp(server.baseUrl, '#/commune/99999?lang=en');
    try {
      await link.page.waitForSelector('#not-found');
      expect(await text(link.page, '#not-found')).toBe('No commune in Bouches-du-Rhône has the code “99999”.');
      expect(await link.page.getAttribute('html', 'lang')).toBe('en');
      // The same link followed inside the open app: the notice shows too (popstate and hashchange
      // both fire; the second must not clear it).
      await link.page.evaluate(() => (location.hash = '#/commune/13047?lang=en'));
      await link.page.waitForSelector('#profile-title');
      expect(await link.page.locator('#not-found').count()).toBe(0);
      await link.page.evaluate(() => (location.hash = '#/commune/99998?lang=en'));
      await link.page.waitForSelector('#not-found');
      expect(await text(link.page, '#not-found')).toBe('No commune in Bouches-du-Rhône has the code “99998”.');
    } finally {
      await link.close();
    }
  });

  it('the gap analysis says it is in French only and marks its content lang="fr"', async () => {
    await open('#/ecarts?lang=en', '#gap-table tbody tr');
    const page = s.page;
    expect(await text(page, '#panel [data-french-only]')).toBe('This page is available in French only.');
    expect(await page.$eval('#panel h1', (h) => h.closest('[lang]')?.getAttribute('lang'))).toBe('fr');
    expect(await page.$eval('#gap-settings', (h) => h.closest('[lang]')?.getAttribute('lang'))).toBe('fr');
    const v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
    // In French, no notice.
    await open('#/ecarts', '#gap-table tbody tr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.$('[data-french-only]')).toBeNull();
  });

  it('on a phone (390×844): legend and method page in English, no horizontal scroll', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await open('#/?lang=en', '#legend [data-legend-section="choropleth"]');
    await page.waitForFunction(() => document.querySelector('#legend h2')?.textContent === 'Legend');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#legend').scrollIntoViewIfNeeded();
    await shot(page, 'i18n-legend-en-390');
    let v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
    await open('#/methode?lang=en', '#method-page h1');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i18n-method-en-390');
    v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
