// The exhibition kiosk (`?mode=kiosque`): touch-sized, attract loop after idle, reset after a
// longer idle, public figures only, no way out of the app, survives a lost WebGL context.
// Short timings (veille=3 s, reinit=8 s, etape=2 s) replace any test hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { foreignRequests, openApp, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as {
  supports: { id: string; companyName: string; amountEur: number; isMicroEntrepreneur: boolean; publishable?: boolean }[];
};
const microNames: string[] = demo.supports.filter((s) => s.isMicroEntrepreneur).map((s) => s.companyName);
const microIds = new Set(demo.supports.filter((s) => s.isMicroEntrepreneur).map((s) => s.id));
/** Companies the public may see one by one: consent, never a micro-entrepreneur. */
const shownIds = new Set(demo.supports.filter((s) => s.publishable && !s.isMicroEntrepreneur).map((s) => s.id));
const eur = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const companyAmounts = [...new Set(demo.supports.map((s) => eur.format(s.amountEur)))];

/** Chromium's own messages about the context loss we force: not app errors. */
const CONTEXT_LOSS_NOISE = [/WebGL: CONTEXT_LOST_WEBGL/i, /WebGL context was lost/i, /webglcontextlost/i];

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;
/** Every text the page showed, collected at each checkpoint. */
const seenTexts: string[] = [];

const state = (page: Page) => page.getAttribute('.kiosk', 'data-kiosk-state');
const panel = (page: Page) => page.getAttribute('.kiosk', 'data-kiosk-panel');

async function collectText(page: Page) {
  seenTexts.push(
    await page.evaluate(() => {
      const attrs = [...document.querySelectorAll('[aria-label],[title],[alt]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.getAttribute('alt') ?? ''}`);
      return `${document.documentElement.textContent ?? ''}\n${attrs.join('\n')}`;
    }),
  );
}

/** Taps the centre of an element (touch, as a visitor would). */
async function rawTap(page: Page, selector: string) {
  // Measured in the page, without Playwright's "stable for two frames" wait: software rendering of
  // a moving map can starve animation frames for seconds.
  const box = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    el.scrollIntoView({ block: 'nearest' });
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  }, selector);
  if (!box) throw new Error(`not visible: ${selector}`);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/** Taps the title bar: a harmless place that only counts as a touch. */
const wake = (page: Page) => rawTap(page, '.kiosk-title h1');

const isInteractive = () => document.querySelector('.kiosk')?.getAttribute('data-kiosk-state') === 'interactive';

async function ensureInteractive(page: Page) {
  if ((await state(page)) !== 'interactive') {
    await wake(page);
    await page.waitForFunction(isInteractive, null, { timeout: 5000 });
  }
}

/**
 * The test machine is slow (software WebGL, two cores): any operation can outlast the 3 s idle
 * delay. Taps `selector` in interactive mode and waits for `expected`, waking the kiosk and
 * retrying when the attract loop started in between.
 */
async function tap(page: Page, selector: string, expected?: string) {
  let last: unknown;
  for (let i = 0; i < 4; i++) {
    try {
      await ensureInteractive(page);
      await rawTap(page, selector);
      if (expected) await page.waitForSelector(expected, { timeout: 3000 });
      return;
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/** A screenshot of the interactive kiosk: retaken when the attract loop started during it (slow software rendering). */
async function shotInteractive(page: Page, name: string, touch: string) {
  for (let i = 0; i < 3; i++) {
    await tap(page, touch);
    await shot(page, name);
    if ((await state(page)) === 'interactive') return;
  }
  throw new Error(`could not take ${name} in interactive mode`);
}

async function buttonsTooSmall(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .map((b) => ({ text: (b.textContent || b.getAttribute('aria-label') || b.className).trim(), r: b.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 48 || r.height < 48))
      .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl, '?mode=kiosque&veille=3&reinit=8&etape=2', { hasTouch: true });
  await waitForMapReady(s.page);
  await waitForIdle(s.page);
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('exhibition kiosk', () => {
  it('shows the full-screen map with the title, the demo badge and the five big buttons, in public mode', async () => {
    await tap(s.page, '.kiosk-nav button[data-panel="home"]', '.kiosk-panel[data-panel="home"]');
    // Read in one go: the attract loop may start 3 s after the tap.
    const page = await s.page.evaluate(() => ({
      title: document.querySelector('.kiosk-title h1')?.textContent,
      badge: document.querySelector('#demo-badge')?.textContent,
      labels: [...document.querySelectorAll('.kiosk-nav button')].map((b) => b.textContent!.trim()),
    }));
    expect(page.title).toBe('Les fonds de revitalisation dans les Bouches-du-Rhône');
    expect(page.badge).toContain('Données de démonstration');
    const labels = page.labels;
    expect(labels).toEqual(['Chiffres clés', 'Quartiers prioritaires', 'Territoires ruraux', 'De 2019 à aujourd’hui', 'Ma commune', 'Accueil']);
    // The normal shell (header, footer, privacy toggle, import) is not there.
    expect(await s.page.locator('.fr-header, .fr-footer, #privacy-toggle, input[type=file]').count()).toBe(0);
    // The map fills the screen between the title and the buttons.
    const map = (await s.page.locator('#map').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(1270);
    expect(map.height).toBeGreaterThan(600);
    expect(await s.page.evaluate(() => getComputedStyle(document.querySelector('.kiosk')!).userSelect)).toBe('none');
    await collectText(s.page);
    await shotInteractive(s.page, 'kiosk-home', '.kiosk-title h1');
  });

  it('has touch targets of at least 48 px everywhere (bar, stories, letters, communes, map zoom)', async () => {
    await ensureInteractive(s.page);
    expect(await buttonsTooSmall(s.page)).toEqual([]);
    await tap(s.page, '.kiosk-nav button[data-panel="figures"]', '.kiosk-panel[data-panel="figures"] [data-figure="jobs"]');
    await collectText(s.page);
    expect(await buttonsTooSmall(s.page)).toEqual([]);
    await tap(s.page, '.kiosk-nav button[data-panel="commune"]', 'button[data-letter="A"]');
    expect(await s.page.locator('button[data-letter]').count()).toBe(26);
    expect(await buttonsTooSmall(s.page)).toEqual([]);
    await tap(s.page, 'button[data-letter="S"]', 'button[data-code]');
    expect(await buttonsTooSmall(s.page)).toEqual([]);
    await tap(s.page, '.kiosk-nav button[data-panel="home"]');
  });

  it('tells the QPV and rural stories with the right layers', async () => {
    await tap(s.page, '.kiosk-nav button[data-panel="qpv"]', '.kiosk-panel[data-panel="qpv"]');
    expect(await s.page.textContent('.kiosk-panel')).toMatch(/quartiers prioritaires, dont \d+ à Marseille/);
    await collectText(s.page);
    // The layers are read together with the panel and the mode: on a busy machine the attract loop
    // (3 s idle) may take over between two steps, and its tour shows other layers.
    let vis: { state: string | null; panel: string | null; rural: string; qpv: string; text: string } | null = null;
    for (let i = 0; i < 4 && !(vis?.state === 'interactive' && vis.panel === 'rural'); i++) {
      await tap(s.page, '.kiosk-nav button[data-panel="rural"]', '.kiosk-panel[data-panel="rural"]');
      vis = await s.page.evaluate(() => {
        const m = (window as any).__map;
        const k = document.querySelector('.kiosk');
        return { state: k?.getAttribute('data-kiosk-state') ?? null, panel: k?.getAttribute('data-kiosk-panel') ?? null, rural: m.getLayoutProperty('rural-fill', 'visibility'), qpv: m.getLayoutProperty('qpv-fill', 'visibility'), text: document.querySelector('.kiosk-panel')?.textContent ?? '' };
      });
    }
    const { text, ...shown } = vis!;
    expect(shown).toEqual({ state: 'interactive', panel: 'rural', rural: 'visible', qpv: 'none' });
    expect(text).toMatch(/46 communes sur 119 sont rurales/);
    await collectText(s.page);
    await tap(s.page, '.kiosk-nav button[data-panel="home"]');
  });

  it('starts the attract loop after the idle delay, tours its steps, and a tap stops it', async () => {
    await wake(s.page);
    const t0 = Date.now();
    await s.page.waitForFunction(() => document.querySelector('.kiosk')?.getAttribute('data-kiosk-state') === 'attract', null, { timeout: 5000 });
    expect(Date.now() - t0).toBeGreaterThan(2000);
    await s.page.waitForSelector('#kiosk-touch-hint');
    expect(await s.page.textContent('#kiosk-touch-hint')).toContain('Touchez l’écran pour commencer');
    const first = await s.page.getAttribute('.kiosk-attract', 'data-step');
    await s.page.waitForFunction((f) => document.querySelector('.kiosk-attract')?.getAttribute('data-step') !== f, first, { timeout: 4000 });
    const steps = new Set<string>();
    for (let i = 0; i < 12 && steps.size < 4; i++) {
      const step = (await s.page.getAttribute('.kiosk-attract', 'data-step'))!;
      steps.add(step);
      await collectText(s.page);
      // The next step, not a fixed delay (the tour moves on every `etape` seconds).
      await s.page.waitForFunction((st) => document.querySelector('.kiosk-attract')?.getAttribute('data-step') !== st, step, { timeout: 4000 }).catch(() => undefined);
    }
    expect(steps.size).toBeGreaterThanOrEqual(3);
    // The tour fills MapLibre's out-of-view tile caches: each stays within the kiosk's cap of 16
    // tiles per source (MapLibre's default here is about 60, which took the soak 20 minutes to fill).
    const caches = await s.page.evaluate(() =>
      Object.entries((window as any).__map.style.tileManagers as Record<string, any>).map(([id, m]) => ({ id, max: m._outOfViewCache.max, held: m._outOfViewCache.order.length })),
    );
    expect(caches.length).toBeGreaterThan(5);
    expect(caches.filter((c) => c.max > 16 || c.held > 16)).toEqual([]);
    await s.page.waitForFunction(() => document.querySelector('.kiosk-attract')?.getAttribute('data-step') === 'qpv', null, { timeout: 20_000 });
    await waitForIdle(s.page);
    await shot(s.page, 'kiosk-attract');
    await rawTap(s.page, '.kiosk-stage');
    await s.page.waitForFunction(isInteractive, null, { timeout: 2000 });
    expect(await panel(s.page)).toBe('home');
    expect(await s.page.locator('.kiosk-attract').count()).toBe(0);
  });

  it('finds "Ma commune" with letters and big buttons, shows its card and fits the map on it', async () => {
    // A wake goes home but keeps the letter: "Ma commune" then shows the list again.
    for (let i = 0; i < 3 && (await s.page.locator('#kiosk-commune-card').count()) === 0; i++) {
      await tap(s.page, '.kiosk-nav button[data-panel="commune"]', '.kiosk-panel[data-panel="commune"]');
      // A letter kept from an earlier visit shows its list: back to the letters first.
      if ((await s.page.locator('button[data-code="13028"]').count()) === 0 && (await s.page.locator('#kiosk-letters-back').count()) > 0) {
        await tap(s.page, '#kiosk-letters-back', 'button[data-letter="C"]');
      }
      if ((await s.page.locator('button[data-code="13028"]').count()) === 0) await tap(s.page, 'button[data-letter="C"]', 'button[data-code="13028"]'); // La Ciotat, filed under C too
      await tap(s.page, 'button[data-code="13028"]', '#kiosk-commune-card').catch(() => undefined);
    }
    await s.page.waitForSelector('#kiosk-commune-card');
    const card = (await s.page.textContent('#kiosk-commune-card'))!;
    expect(card).toContain('La Ciotat');
    expect(card).toMatch(/habitants/);
    expect(card).toMatch(/entreprises soutenues/);
    expect(card).toMatch(/licenciement/);
    await collectText(s.page);
    await waitForIdle(s.page);
    const centre = await s.page.evaluate(() => (window as any).__map.getCenter().toArray());
    // La Ciotat is at about 5.6 E, 43.18 N.
    expect(centre[0]).toBeGreaterThan(5.45);
    expect(centre[1]).toBeLessThan(43.35);
    // The screenshot may outlast the 3 s idle delay; a wake goes home but keeps the commune until the reset.
    let ok = false;
    for (let i = 0; i < 3 && !ok; i++) {
      if ((await s.page.locator('#kiosk-commune-card').count()) === 0) {
        await tap(s.page, '.kiosk-nav button[data-panel="commune"]', '#kiosk-commune-card');
      }
      await shot(s.page, 'kiosk-commune');
      ok = (await state(s.page)) === 'interactive' && (await s.page.locator('#kiosk-commune-card').count()) === 1;
    }
    expect(ok).toBe(true);
  });

  it('forgets the visitor after the reset delay: home view, no commune card, no letter', async () => {
    const resets = Number(await s.page.getAttribute('.kiosk', 'data-kiosk-resets'));
    await s.page.waitForFunction((r) => Number(document.querySelector('.kiosk')?.getAttribute('data-kiosk-resets')) > r, resets, { timeout: 12_000 });
    expect(await s.page.locator('#kiosk-commune-card').count()).toBe(0);
    await collectText(s.page);
    await ensureInteractive(s.page);
    expect(await panel(s.page)).toBe('home');
    await tap(s.page, '.kiosk-nav button[data-panel="commune"]', 'button[data-letter="A"]');
    expect(await s.page.locator('#kiosk-commune-card').count()).toBe(0);
    expect(await s.page.locator('button[data-code]').count()).toBe(0);
    await tap(s.page, '.kiosk-nav button[data-panel="home"]');
  });

  it('never shows a micro-entrepreneur nor a company amount, and draws only consenting companies', async () => {
    expect(seenTexts.length).toBeGreaterThan(8);
    const all = seenTexts.join('\n');
    for (const name of microNames) expect(all).not.toContain(name);
    for (const s of demo.supports) expect(all).not.toContain(s.companyName);
    // Amounts appear only as totals: no individual company's amount (e.g. "3 400 €").
    // As a whole number: "25 000 €" is not in "1 325 000 €".
    const leaked = companyAmounts.filter((a) => new RegExp(`(^|[^\\d\\s\u202f\u00a0])\\s*${a.replace(/\s/g, '\\s')}`).test(all));
    expect(leaked).toEqual([]);
    const drawn = await s.page.evaluate(() => {
      const m = (window as any).__map;
      const src = m.getSource('supports');
      return src ? (src._data?.geojson?.features ?? src._data?.features ?? src.serialize?.().data?.features ?? []).map((f: any) => f.properties.id) : null;
    });
    expect(drawn === null || drawn.every((id: string) => !microIds.has(id) && shownIds.has(id))).toBe(true);
  });

  it('offers no way out: no link to another origin, no context menu, no text selection', async () => {
    const foreign = await s.page.evaluate(() => [...document.querySelectorAll('a[href]')].filter((a) => new URL((a as HTMLAnchorElement).href, location.href).origin !== location.origin).length);
    expect(foreign).toBe(0);
    const prevented = await s.page.evaluate(() =>
      ['.kiosk-title h1', '#map canvas', '.kiosk'].map((sel) => {
        const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
        document.querySelector(sel)!.dispatchEvent(ev);
        return ev.defaultPrevented;
      }),
    );
    expect(prevented).toEqual([true, true, true]);
  });

  it('recovers from a lost WebGL context: a new map becomes ready and draws the communes', async () => {
    const before = Number(await s.page.getAttribute('#map', 'data-map-generation'));
    expect(before).toBe(1);
    await s.page.evaluate(() => ((window as any).__lostMap = new WeakRef((window as any).__map)));
    const lost = await s.page.evaluate(() => {
      const canvas = (window as any).__map.getCanvas() as HTMLCanvasElement;
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      const ext = gl?.getExtension('WEBGL_lose_context');
      ext?.loseContext();
      return !!ext;
    });
    expect(lost).toBe(true);
    await s.page.waitForFunction((g) => Number(document.querySelector('#map')?.getAttribute('data-map-generation')) > g, before, { timeout: 10_000 });
    await waitForMapReady(s.page);
    expect(Number(await s.page.getAttribute('#map', 'data-map-generation'))).toBe(before + 1);
    await waitForIdle(s.page);
    const communes = await s.page.evaluate(() => (window as any).__map.queryRenderedFeatures(undefined, { layers: ['communes-fill'] }).length);
    expect(communes).toBeGreaterThan(0);
    // The data layers are back on the new map.
    expect(await s.page.evaluate(() => !!(window as any).__map.getSource('supports'))).toBe(true);
    expect(await s.page.locator('.maplibregl-canvas').count()).toBe(1);
    // The lost map is released (MapLibre's own context-loss handler left it reachable from its
    // RTL-text plugin), and so are its fonts: only the new map's stay in document.fonts.
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
    expect(await s.page.evaluate(() => (window as any).__lostMap.deref() === undefined)).toBe(true);
    const mapFonts = await s.page.evaluate(() => [...document.fonts].filter((f) => f.family.startsWith('maplibre-gl-font-face')).length);
    expect(mapFonts).toBeLessThanOrEqual(2);
  });

  it('honours prefers-reduced-motion', async () => {
    await s.page.emulateMedia({ reducedMotion: 'reduce' });
    await s.page.waitForFunction(() => document.querySelector('.kiosk')?.getAttribute('data-reduced-motion') === 'true');
    await tap(s.page, '.kiosk-nav button[data-panel="home"]', '.kiosk-panel[data-panel="home"]');
    await tap(s.page, '.kiosk-nav button[data-panel="qpv"]', '.kiosk-panel[data-panel="qpv"]');
    // No animation: the camera is on Marseille's north at the next frame.
    const z = await s.page.evaluate(
      () => new Promise<{ moving: boolean; zoom: number }>((ok) => requestAnimationFrame(() => ok({ moving: (window as any).__map.isMoving(), zoom: (window as any).__map.getZoom() }))),
    );
    expect(z.moving).toBe(false);
    expect(z.zoom).toBeGreaterThan(10.5);
  });

  it('made no request outside its own origin and logged no error', async () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors.filter((e) => !CONTEXT_LOSS_NOISE.some((re) => re.test(e)))).toEqual([]);
  });
});
