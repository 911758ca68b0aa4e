// The exhibition kiosk in English: a big language button in the title bar switches every text of the
// kiosk (stories, card, legend, buttons, countdown) and `<html lang>`; commune names stay as they
// are; the numbers take English formats. At the idle reset the kiosk goes back to French for the
// next visitor. Screens of the exhibition: 1920×1080 and the portrait totem 1080×1920.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { openApp, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';
import { axe, describeViolations } from './axe.ts';

const territories = JSON.parse(readFileSync('public/data/territoires.json', 'utf8')) as { communes: { code: string; nom: string; population: number }[] };
const aix = territories.communes.find((c) => c.code === '13001')!;
const enInt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const frInt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

let server: Awaited<ReturnType<typeof startServer>>;

/** Taps the centre of an element with a finger, as a visitor would (no wait for stable frames: software WebGL is slow). */
async function tap(page: Page, selector: string) {
  const box = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    el.scrollIntoView({ block: 'nearest' });
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  }, selector);
  if (!box) throw new Error(`not visible: ${selector}`);
  await page.touchscreen.tap(box.x, box.y);
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const text = (page: Page, selector: string) => page.evaluate((sel) => document.querySelector(sel)?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? null, selector);
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

async function expectAxeClean(page: Page) {
  const v = await axe(page);
  expect(v, describeViolations(v)).toEqual([]);
}

async function switchTo(page: Page, lang: 'en' | 'fr') {
  await tap(page, '#kiosk-lang');
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 5000 });
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('kiosk in English (1920×1080 and 1080×1920)', () => {
  let s: Session;
  beforeAll(async () => {
    // Long timings: nothing resets while the texts are read (the reset has its own test below).
    s = await openApp(server.baseUrl, '?mode=kiosque&veille=600&reinit=1200', { viewport: { width: 1920, height: 1080 }, hasTouch: true });
    await s.page.emulateMedia({ reducedMotion: 'reduce' });
    await waitForMapReady(s.page);
    await s.page.waitForSelector('.kiosk-panel[data-panel="home"]');
  });
  afterAll(async () => s?.close());

  for (const [size, name] of [
    [{ width: 1920, height: 1080 }, 'wide'],
    [{ width: 1080, height: 1920 }, 'totem'],
  ] as const) {
    it(`${name}: the language button switches the kiosk to English and back`, async () => {
      const { page } = s;
      await page.setViewportSize(size);
      await page.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h, [size.width, size.height]);
      await tap(page, '.kiosk-nav button[data-panel="home"]');
      await page.waitForSelector('.kiosk-panel[data-panel="home"]');

      // French first: the button names English, in English, and is a big touch target.
      expect(await htmlLang(page)).toBe('fr');
      expect(await text(page, '#kiosk-lang')).toBe('English');
      expect(await page.getAttribute('#kiosk-lang', 'lang')).toBe('en');
      const box = (await page.locator('#kiosk-lang').boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(56);
      expect(box.width).toBeGreaterThanOrEqual(56);

      await switchTo(page, 'en');
      expect(await text(page, '#kiosk-lang')).toBe('Français');
      expect(await page.getAttribute('#kiosk-lang', 'lang')).toBe('fr');
      expect(await text(page, '.kiosk-title h1')).toBe('Revitalisation funds in the Bouches-du-Rhône');
      expect(await text(page, '#demo-badge')).toBe('Demonstration data');
      expect(await page.evaluate(() => [...document.querySelectorAll('.kiosk-nav button')].map((b) => b.textContent!.trim()))).toEqual([
        'Key figures',
        'Priority neighbourhoods',
        'Rural areas',
        'From 2019 to today',
        'My commune',
        'Home',
      ]);
      expect(await text(page, '.kiosk-panel h2')).toBe('Welcome');
      expect(await text(page, '.kiosk-legend h3')).toBe('On the map');
      expect(await page.evaluate(() => [...document.querySelectorAll('.kiosk-legend li')].map((l) => l.textContent!.trim()))).toContain('No jobs');
      expect(await page.getAttribute('#map', 'aria-label')).toBe('Map of the Bouches-du-Rhône: companies supported and jobs created by commune.');
      // The State's block stays French, marked as such.
      expect(await page.getAttribute('.kiosk-logo', 'lang')).toBe('fr');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await waitForIdle(page);
      await shot(page, `i18n-kiosk-${name}-home-en`);
      await expectAxeClean(page);

      // A story: English sentences and English number formats (€ first, commas between thousands).
      await tap(page, '.kiosk-nav button[data-panel="figures"]');
      await page.waitForSelector('.kiosk-panel[data-panel="figures"] [data-figure="amount"]');
      expect(await text(page, '.kiosk-panel h2')).toBe('Key figures');
      expect(await text(page, '[data-figure="companies"] span')).toBe('companies supported');
      expect(await text(page, '[data-figure="amount"] span')).toBe('in grants awarded');
      expect(await text(page, '[data-figure="amount"] strong')).toMatch(/^€\d{1,3}(,\d{3})+$/);
      const sentences = await page.evaluate(() => [...document.querySelectorAll('.kiosk-panel p.sentence')].map((p) => p.textContent!.trim()));
      expect(sentences).toContainEqual(expect.stringMatching(/^\d+% of the jobs created were in a rural commune, home to \d+% of the population\.$/));
      expect(sentences).toContainEqual(expect.stringMatching(/^Collective redundancies cut \d{1,3}(,\d{3})+ jobs in the Bouches-du-Rhône\.$/));
      expect(sentences.join(' ')).not.toMatch(/ des | emplois|\u202f/);
      await waitForIdle(page);
      await shot(page, `i18n-kiosk-${name}-figures-en`);

      // A commune card: English labels, the commune's name as it is, its population in English format.
      await tap(page, '.kiosk-nav button[data-panel="commune"]');
      await page.waitForSelector('button[data-letter="A"]');
      expect(await text(page, '.kiosk-panel .instruction')).toBe('Touch the first letter of your commune’s name.');
      expect(await page.getAttribute('.letters', 'aria-label')).toBe('First letter of the commune');
      await tap(page, 'button[data-letter="A"]');
      await page.waitForSelector('button[data-code="13001"]');
      expect(await text(page, '.list-head .instruction')).toBe('Communes starting with “A”');
      expect(await text(page, 'button[data-code="13001"]')).toBe('Aix-en-Provence');
      await tap(page, 'button[data-code="13001"]');
      await page.waitForSelector('#kiosk-commune-card');
      expect(await text(page, '#kiosk-commune-card .name')).toBe(aix.nom);
      expect(aix.nom).toBe('Aix-en-Provence');
      expect(await text(page, '#kiosk-commune-card .population')).toBe(`${enInt.format(aix.population)} residents`);
      expect(await text(page, '#kiosk-commune-card [data-figure="jobs"] span')).toBe('jobs created');
      expect(await text(page, '#kiosk-commune-back')).toBe('← Choose another commune');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await waitForIdle(page);
      await shot(page, `i18n-kiosk-${name}-card-en`);
      await expectAxeClean(page);

      // Back to French while the card is open: the same card in French.
      await switchTo(page, 'fr');
      expect(await text(page, '#kiosk-lang')).toBe('English');
      expect(await text(page, '#kiosk-commune-card .name')).toBe('Aix-en-Provence');
      expect(await text(page, '#kiosk-commune-card .population')).toBe(`${frInt.format(aix.population)} habitants`);
      expect(await text(page, '#kiosk-commune-card [data-figure="jobs"] span')).toBe('emplois créés');
      expect(await text(page, '.kiosk-title h1')).toBe('Les fonds de revitalisation dans les Bouches-du-Rhône');
      // Leave the card for the next size's walk through the picker.
      await tap(page, '#kiosk-commune-back');
      await page.waitForSelector('#kiosk-letters-back');
      await tap(page, '#kiosk-letters-back');
      await page.waitForSelector('button[data-letter="A"]');
      expect(s.errors).toEqual([]);
    }, 180_000);
  }
});

describe('kiosk language at the idle reset', () => {
  it('a tap on the language button is a touch (cancels the countdown); the reset brings French back', async () => {
    // Countdown from 4 s idle, attract loop at 20 s, reset at 40 s.
    const k = await openApp(server.baseUrl, '?mode=kiosque&veille=20&compte=16&reinit=40&etape=2', { viewport: { width: 1920, height: 1080 }, hasTouch: true });
    try {
      const { page } = k;
      await waitForMapReady(page);
      // A harmless touch restarts the idle time (the map may have taken long to load on this machine).
      await tap(page, '.kiosk-title h1');
      await page.waitForSelector('#kiosk-countdown', { timeout: 30_000 });
      const resets = Number(await page.getAttribute('.kiosk', 'data-kiosk-resets'));
      await switchTo(page, 'en');
      // The tap counted as activity: the countdown is gone, the kiosk stays interactive and in English.
      await page.waitForSelector('#kiosk-countdown', { state: 'detached', timeout: 5000 });
      expect(await page.getAttribute('.kiosk', 'data-kiosk-state')).toBe('interactive');
      expect(await text(page, '.kiosk-title h1')).toBe('Revitalisation funds in the Bouches-du-Rhône');
      // The countdown comes back in English.
      await page.waitForSelector('#kiosk-countdown', { timeout: 30_000 });
      expect(await text(page, '#kiosk-countdown .countdown-title')).toBe('Are you still there?');
      expect(await text(page, '#kiosk-countdown .countdown-text')).toMatch(/^Back to the start in \d+a few seconds s\. Touch the screen to carry on\.$/);
      await shot(page, 'i18n-kiosk-countdown-en');
      // The attract loop runs in English until the reset.
      const hint = await page.waitForFunction(
        () => document.querySelector('.kiosk')?.getAttribute('data-kiosk-state') === 'attract' && document.querySelector('#kiosk-touch-hint')?.textContent?.trim(),
        null,
        { timeout: 30_000, polling: 100 },
      );
      expect(await hint.jsonValue()).toBe('Touch the screen to start');
      await page.waitForFunction((r) => Number(document.querySelector('.kiosk')?.getAttribute('data-kiosk-resets')) > r, resets, { timeout: 30_000 });
      expect(await htmlLang(page)).toBe('fr');
      expect(await text(page, '.kiosk-title h1')).toBe('Les fonds de revitalisation dans les Bouches-du-Rhône');
      expect(await text(page, '#kiosk-touch-hint')).toBe('Touchez l’écran pour commencer');
      expect(await text(page, '#kiosk-lang')).toBe('English');
      expect(k.errors).toEqual([]);
    } finally {
      await k.close();
    }
  }, 180_000);
});
