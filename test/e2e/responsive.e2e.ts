// Phones, tablets and exhibition screens: the layout at 390×844, 768×1024 (both orientations),
// 1920×1080 and 1080×1920. No horizontal scroll, axe clean, touch targets of 44 px on small
// screens, the collapsed DSFR header below 992 px, « Carte / Fiche » on phones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, shot, startServer, waitForIdle, waitForProfileComplete, type Session } from './harness.ts';

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
const waitForMapReady = (page: Page) => page.waitForSelector('#map[data-ready="true"]', { state: 'attached', timeout: 90_000 });

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
  await waitForProfileComplete(page, code);
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

describe('exhibition kiosk: 1920×1080 and portrait 1080×1920', () => {
  let s: Session;
  beforeAll(async () => {
    // Opened at a laptop size, then moved to the exhibition screens: the framing must follow.
    s = await openApp(server.baseUrl, '?mode=kiosque&veille=600&reinit=1200', { viewport: { width: 1280, height: 800 }, hasTouch: true });
    await s.page.emulateMedia({ reducedMotion: 'reduce' });
    await waitForMapReady(s.page);
    await s.page.waitForSelector('.kiosk-panel[data-panel="home"]');
  });
  afterAll(async () => s?.close());

  /** How the département's box sits in the map area the panel leaves free. */
  const framing = (page: Page) =>
    page.evaluate((bbox) => {
      const map = (window as unknown as { __map: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } }).__map;
      const m = map.getContainer().getBoundingClientRect();
      const pr = document.querySelector('.kiosk-panel')!.getBoundingClientRect();
      const sw = map.project([bbox[0], bbox[1]]);
      const ne = map.project([bbox[2], bbox[3]]);
      const portrait = m.height > m.width;
      // Free area: right of the panel (landscape) or above it (portrait), in map coordinates.
      const free = portrait ? { left: 0, top: 0, right: m.width, bottom: pr.top - m.top } : { left: pr.right - m.left, top: 0, right: m.width, bottom: m.height };
      const box = { left: sw.x, right: ne.x, top: ne.y, bottom: sw.y };
      return {
        inside: box.left >= free.left - 2 && box.right <= free.right + 2 && box.top >= free.top - 2 && box.bottom <= free.bottom + 2,
        fill: Math.max((box.right - box.left) / (free.right - free.left), (box.bottom - box.top) / (free.bottom - free.top)),
      };
    }, [4.2, 43.14, 5.84, 43.94]);

  for (const [size, name] of [[WIDE, 'wide'], [TOTEM, 'totem']] as const) {
    it(`${name}: the département fills the space beside the panel, fitted again after the resize; readable; axe clean`, async () => {
      const { page } = s;
      await page.setViewportSize(size);
      await page.waitForFunction(
        ([w, h]) => {
          const c = (window as unknown as { __map: { getCanvas(): HTMLCanvasElement } }).__map.getCanvas();
          return innerWidth === w && innerHeight === h && c.clientWidth === w;
        },
        [size.width, size.height],
      );
      await page.waitForFunction(
        (bbox) => {
          const map = (window as unknown as { __map: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement; isMoving(): boolean } }).__map;
          if (map.isMoving()) return false;
          const m = map.getContainer().getBoundingClientRect();
          const pr = document.querySelector('.kiosk-panel')!.getBoundingClientRect();
          const ne = map.project([bbox[2], bbox[3]]);
          const sw = map.project([bbox[0], bbox[1]]);
          return m.height > m.width ? sw.y <= pr.top - m.top + 2 && ne.x - sw.x > 0.6 * m.width : sw.x >= pr.right - m.left - 2 && ne.x - sw.x > 0.4 * m.width;
        },
        [4.2, 43.14, 5.84, 43.94],
        { timeout: 60_000 },
      );
      await waitForIdle(page);
      const f = await framing(page);
      expect(f.inside).toBe(true);
      expect(f.fill).toBeGreaterThan(0.8);
      // Readable from 1.5 m: no text under 20 px on these screens.
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        for (const el of document.querySelectorAll<HTMLElement>('.kiosk p, .kiosk li, .kiosk button, .kiosk h1, .kiosk h2, .kiosk h3')) {
          if (el.getBoundingClientRect().height === 0 || !el.textContent?.trim()) continue;
          min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        }
        return min;
      });
      expect(smallest).toBeGreaterThanOrEqual(20);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `responsive-kiosk-${name}`);
      await expectAxeClean(page);
    });
  }

  it('« Vous êtes toujours là ? » counts down before the session ends; a touch cancels it', async () => {
    // A laptop-sized window: the countdown does not depend on the size, and SwiftShader draws it faster.
    const k = await openApp(server.baseUrl, '?mode=kiosque&veille=60&reinit=600&compte=30', { viewport: { width: 1280, height: 800 }, hasTouch: true });
    try {
      const { page } = k;
      await waitForMapReady(page);
      await page.waitForSelector('#kiosk-countdown', { timeout: 60_000 });
      expect(await page.textContent('#kiosk-countdown')).toContain('Vous êtes toujours là ?');
      expect(await page.getAttribute('.kiosk', 'data-kiosk-state')).toBe('interactive');
      await shot(page, 'responsive-kiosk-countdown');
      await expectAxeClean(page);
      await page.touchscreen.tap(900, 300);
      await page.waitForSelector('#kiosk-countdown', { state: 'detached' });
      expect(await page.getAttribute('.kiosk', 'data-kiosk-state')).toBe('interactive');
      // Left alone, the countdown comes back and the attract loop follows it.
      await page.waitForSelector('#kiosk-countdown', { timeout: 60_000 });
      await page.waitForSelector('.kiosk[data-kiosk-state="attract"]', { timeout: 60_000 });
      expect(await page.isVisible('#kiosk-countdown')).toBe(false);
      expect(k.errors).toEqual([]);
    } finally {
      await k.close();
    }
  }, 240_000);
});
