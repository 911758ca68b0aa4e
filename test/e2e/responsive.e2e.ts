// Phones, tablets and exhibition screens: the layout at 390×844, 768×1024 (both orientations),
// 1920×1080 and 1080×1920. No horizontal scroll, axe clean, touch targets of 44 px on small
// screens, the collapsed DSFR header below 992 px, « Carte / Fiche » on phones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, shot, startServer, waitForIdle, type Session } from './harness.ts';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const TABLET_LANDSCAPE = { width: 1024, height: 768 };
const WIDE = { width: 1920, height: 1080 };
const TOTEM = { width: 1080, height: 1920 };

/** The map is ready even while hidden behind the « Fiche » view on phones. */
const waitForMapReady = (page: Page) => page.waitForSelector('#map[data-ready="true"]', { state: 'attached', timeout: 45_000 });

/** Page wider than the screen: a horizontal scroll bar. */
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Visible interactive elements smaller than 44 px (inline links in running text are exempt, WCAG 2.5.5). */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>('button, input:not([type=checkbox]):not([type=radio]), select, a.fr-btn, a.fr-nav__link, .fr-header__navbar .fr-btn, [role=option]');
    for (const el of els) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.closest('.maplibregl-ctrl-attrib, [hidden], .visually-hidden')) continue;
      if (r.height < 43.5 || (el.tagName === 'BUTTON' && r.width < 43.5)) out.push(`${el.tagName.toLowerCase()}#${el.id || el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

async function expectAxeClean(page: Page) {
  const v = await axe(page);
  expect(v, describeViolations(v)).toEqual([]);
}

async function waitForProfile(page: Page, code: string) {
  await page.waitForFunction((c) => document.querySelector('#commune-profile')?.getAttribute('data-code') === c && !!document.querySelector('#profile-comparison td[data-figure="jobs"]'), code, { timeout: 20_000 });
}

describe('phone 390×844', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp(server.baseUrl, '#/commune/13047', { viewport: PHONE, hasTouch: true });
    await waitForProfile(s.page, '13047');
    await waitForMapReady(s.page);
  });
  afterAll(async () => s?.close());

  it('a profile link shows the commune name and its key figures on the first screen', async () => {
    const { page } = s;
    const title = await page.locator('#profile-title').boundingBox();
    const figures = await page.locator('#profile-comparison td[data-figure="jobs"]').first().boundingBox();
    expect(await page.textContent('#profile-title')).toBe('Istres');
    expect(title!.y + title!.height).toBeLessThanOrEqual(PHONE.height);
    expect(figures!.y + figures!.height).toBeLessThanOrEqual(PHONE.height);
    // The map waits behind the « Carte » button, already drawn.
    expect(await page.isVisible('#map')).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'responsive-phone-profile');
    await expectAxeClean(page);
  });

  it('collapses the header: a search button and a menu button', async () => {
    const { page } = s;
    expect(await page.isVisible('#header-search')).toBe(false);
    expect(await page.isVisible('#privacy-toggle + label')).toBe(false);
    expect(await page.isVisible('#header-menu a.fr-nav__link')).toBe(false);
    await page.click('#header-menu-button');
    await page.waitForSelector('#header-menu a.fr-nav__link', { state: 'visible' });
    expect(await page.getAttribute('#header-menu-button', 'aria-expanded')).toBe('true');
    expect(await page.isVisible('label[for="privacy-toggle"]')).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'responsive-phone-menu');
    await expectAxeClean(page);
    expect(await smallTargets(page)).toEqual([]);

    await page.click('#header-search-button');
    await page.waitForFunction(() => document.activeElement?.id === 'header-search');
    expect(await page.isVisible('#header-menu a.fr-nav__link')).toBe(false);
    await page.keyboard.type('Aubagne');
    await page.waitForSelector('#header-search-list li', { state: 'visible' });
    await shot(page, 'responsive-phone-search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForProfile(page, '13005');
    // Choosing a commune closes the search.
    expect(await page.isVisible('#header-search')).toBe(false);
  });

  it('switches between the profile and the map', async () => {
    const { page } = s;
    await page.click('#show-map');
    await page.waitForSelector('#map canvas', { state: 'visible' });
    const box = await page.locator('#map').boundingBox();
    expect(box!.width).toBe(PHONE.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(await page.isVisible('#profile-title')).toBe(false);
    await waitForIdle(page);
    await shot(page, 'responsive-phone-map');
    expect(await smallTargets(page)).toEqual([]);
    await expectAxeClean(page);
    await page.click('#show-panel');
    await page.waitForSelector('#profile-title', { state: 'visible' });
  });

  it('map home and gap analysis: no horizontal scroll, axe clean, touch targets', async () => {
    const { page } = s;
    for (const [hash, ready, name] of [
      ['#/', '[data-figure="companies"]', 'home'],
      ['#/ecarts', '#gap-table tbody tr', 'gaps'],
    ] as const) {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForSelector(ready);
      expect(await horizontalOverflow(page), name).toBeLessThanOrEqual(0);
      await shot(page, `responsive-phone-${name}`);
      expect(await smallTargets(page), name).toEqual([]);
      await expectAxeClean(page);
    }
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

describe('tablet 768×1024, both orientations', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp(server.baseUrl, '#/commune/13047', { viewport: TABLET, hasTouch: true });
    await waitForProfile(s.page, '13047');
    await waitForMapReady(s.page);
  });
  afterAll(async () => s?.close());

  it('portrait: panel beside the map, collapsed header', async () => {
    const { page } = s;
    expect(await page.isVisible('#map')).toBe(true);
    expect(await page.isVisible('#show-map')).toBe(false);
    expect(await page.isVisible('#header-menu-button')).toBe(true);
    await waitForIdle(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTargets(page)).toEqual([]);
    await shot(page, 'responsive-tablet-portrait');
    await expectAxeClean(page);
  });

  it('landscape 1024×768: the full header', async () => {
    const { page } = s;
    await page.setViewportSize(TABLET_LANDSCAPE);
    await page.waitForSelector('#header-search', { state: 'visible' });
    expect(await page.isVisible('#header-menu-button')).toBe(false);
    await waitForIdle(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTargets(page)).toEqual([]);
    await shot(page, 'responsive-tablet-landscape');
    await expectAxeClean(page);
    expect(s.errors).toEqual([]);
  });
});

describe('large screens 1920×1080 and 1080×1920', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp(server.baseUrl, '#/commune/13047', { viewport: WIDE });
    await waitForProfile(s.page, '13047');
    await waitForMapReady(s.page);
  });
  afterAll(async () => s?.close());

  for (const [size, name] of [[WIDE, 'wide'], [TOTEM, 'totem']] as const) {
    it(`${name}: profile and map home`, async () => {
      const { page } = s;
      await page.setViewportSize(size);
      await page.evaluate(() => (location.hash = '#/commune/13047'));
      await waitForProfile(page, '13047');
      await waitForIdle(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `responsive-${name}-profile`);
      await expectAxeClean(page);
      await page.evaluate(() => (location.hash = '#/'));
      await page.waitForSelector('[data-figure="companies"]');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await expectAxeClean(page);
    });
  }
});
