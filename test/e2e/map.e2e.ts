// The offline map: renders from the app's own files, layers toggle, a click shows a card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { foreignRequests, openApp, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

const territories = JSON.parse(readFileSync('public/data/territoires.json', 'utf8'));

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

/** Rendered features of a layer in the current viewport. */
const rendered = (page: Page, layer: string) =>
  page.evaluate((l) => {
    const map = (window as any).__map;
    return map.queryRenderedFeatures(undefined, { layers: [l] }).map((f: any) => f.properties);
  }, layer);

/** Canvas statistics: distinct colours among sampled pixels and a checksum. */
const canvasStats = (page: Page) =>
  page.evaluate(() => {
    const src = (window as any).__map.getCanvas() as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set<number>();
    let sum = 0;
    for (let i = 0; i < data.length; i += 4 * 37) {
      const v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      colours.add(v);
      sum = (sum * 31 + v) >>> 0;
    }
    return { distinct: colours.size, checksum: sum };
  });

/** Pixel colour at a geographic position. */
const pixelAt = (page: Page, lngLat: [number, number]) =>
  page.evaluate((ll) => {
    const map = (window as any).__map;
    const p = map.project(ll);
    const src = map.getCanvas() as HTMLCanvasElement;
    const ratio = src.width / src.clientWidth;
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    return Array.from(ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data.slice(0, 3));
  }, lngLat);

async function toggle(page: Page, id: string) {
  await page.click(`label[for="${id}"]`);
  await waitForIdle(page);
}

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl);
  await waitForMapReady(s.page);
  await waitForIdle(s.page);
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('offline map of Bouches-du-Rhône', () => {
  it('becomes ready with communes, labels and QPV drawn, and a non-blank canvas', async () => {
    const communes = await rendered(s.page, 'communes-fill');
    expect(new Set(communes.map((p: any) => p.code)).size).toBeGreaterThan(100);
    const labels = (await rendered(s.page, 'communes-label')).map((p: any) => p.nom);
    expect(labels.length).toBeGreaterThan(30);
    expect(labels).toContain('Marseille');
    expect(labels).toContain('Aix-en-Provence');
    expect((await rendered(s.page, 'qpv-fill')).length).toBeGreaterThan(20);
    const stats = await canvasStats(s.page);
    expect(stats.distinct).toBeGreaterThan(8);
    await shot(s.page, 'map-default');
  });

  it('shows the header of the service and a legend that lists the visible layers', async () => {
    await expect(s.page.textContent('.fr-header')).resolves.toContain('DDETS');
    const legend = await s.page.textContent('#legend');
    expect(legend).toContain('Quartier prioritaire');
    expect(legend).not.toContain('Bourgs ruraux');
  });

  it('toggles the QPV layer off and on, changing what is drawn', async () => {
    // A point inside QPV "Malpassé" area in Marseille's north; sample the QPV layer's own features instead of guessing.
    const qpvBefore = await rendered(s.page, 'qpv-fill');
    expect(qpvBefore.length).toBeGreaterThan(0);
    const before = await canvasStats(s.page);
    await toggle(s.page, 'layer-qpv');
    expect(await rendered(s.page, 'qpv-fill')).toHaveLength(0);
    expect((await canvasStats(s.page)).checksum).not.toBe(before.checksum);
    expect(await s.page.textContent('#legend')).not.toContain('Quartier prioritaire');
    await toggle(s.page, 'layer-qpv');
    expect((await rendered(s.page, 'qpv-fill')).length).toBe(qpvBefore.length);
  });

  it('toggles the rural layer by density grid, then by FRR, with a matching legend', async () => {
    // Saint-Antonin-sur-Bayon (13090) is the only "rural à habitat très dispersé" commune: sample a grid over it,
    // since labels and symbols cover some pixels.
    const [w, so, e, n] = territories.communes.find((c: any) => c.code === '13090').bbox;
    const grid: [number, number][] = [];
    for (let i = 1; i < 6; i++) for (let j = 1; j < 6; j++) grid.push([w + ((e - w) * i) / 6, so + ((n - so) * j) / 6]);
    const before = await Promise.all(grid.map((p) => pixelAt(s.page, p)));
    await toggle(s.page, 'layer-rural');
    const rural = await rendered(s.page, 'rural-fill');
    const codes = new Set(rural.map((p: any) => p.code));
    expect(codes.size).toBe(46);
    expect(codes.has('13090')).toBe(true);
    expect(codes.has('13055')).toBe(false);
    const after = await Promise.all(grid.map((p) => pixelAt(s.page, p)));
    const turnedGreen = after.filter((c, i) => c.join() !== before[i].join() && c[1] > c[0] && c[1] > c[2]);
    expect(turnedGreen.length).toBeGreaterThan(grid.length / 3);
    const legend = await s.page.textContent('#legend');
    expect(legend).toContain('Bourgs ruraux');
    expect(legend).toContain('Rural à habitat très dispersé');
    await shot(s.page, 'map-rural-density');

    await s.page.click('label[for="rural-mode-frr"]');
    await waitForIdle(s.page);
    const frr = new Set((await rendered(s.page, 'rural-fill')).map((p: any) => p.code));
    expect([...frr].sort()).toEqual(['13004', '13017', '13038', '13061', '13096', '13097', '13108']);
    expect(await s.page.textContent('#legend')).toContain('FRR+');
    await shot(s.page, 'map-rural-frr');
    await toggle(s.page, 'layer-rural');
    expect(await rendered(s.page, 'rural-fill')).toHaveLength(0);
  });

  it('shows the card of Marseille on click, and zooms on its QPV', async () => {
    // Company symbols are picked before communes: hide them to click the commune itself.
    await toggle(s.page, 'layer-supports');
    const p = await s.page.evaluate(() => (window as any).__map.project([5.4, 43.3]));
    await s.page.mouse.click(p.x + (await s.page.evaluate(() => document.getElementById('map')!.getBoundingClientRect().left)), p.y + (await s.page.evaluate(() => document.getElementById('map')!.getBoundingClientRect().top)));
    await s.page.waitForSelector('#info-card');
    const card = await s.page.textContent('#info-card');
    expect(card).toContain('Marseille');
    expect(card).toContain('13055');
    expect(card).toMatch(/Quartiers prioritaires\s*41/);
    await s.page.evaluate(() => (window as any).__map.jumpTo({ center: [5.39, 43.33], zoom: 11.3 }));
    await waitForIdle(s.page);
    expect((await rendered(s.page, 'qpv-fill')).length).toBeGreaterThan(10);
    await shot(s.page, 'map-qpv-marseille');
    await toggle(s.page, 'layer-supports');
  });

  it('returns to the département with the reset button', async () => {
    await s.page.click('#reset-view');
    await s.page.waitForFunction(() => (window as any).__map.getZoom() < 9.5, null, { timeout: 5000 });
    await waitForIdle(s.page);
    expect(new Set((await rendered(s.page, 'communes-fill')).map((p: any) => p.code)).size).toBeGreaterThan(100);
  });

  it('lists the sources and licences of every layer', async () => {
    await s.page.click('#open-sources');
    await s.page.waitForSelector('#sources-table');
    const text = await s.page.textContent('#sources-table');
    expect(text).toContain('Licence Ouverte');
    expect(text).toContain('qpv.geojson');
    await s.page.keyboard.press('Escape');
  });

  it('offers the communes as a table, whose row click selects the commune on the map', async () => {
    const rows = await s.page.locator('#communes-table tbody tr').count();
    expect(rows).toBe(119);
    await s.page.click('#communes-table tbody tr[data-code="13047"] button');
    await s.page.waitForSelector('#info-card');
    expect(await s.page.textContent('#info-card')).toContain('Istres');
  });

  it('sorts the communes table by a column header, announced by aria-sort, header kept in view', async () => {
    const header = s.page.locator('#communes-table thead th', { hasText: /^Population/ });
    const firstRow = () => s.page.locator('#communes-table tbody tr').first().getAttribute('data-code');
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending'); // numbers start with the largest
    expect(await firstRow()).toBe('13055'); // Marseille
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstRow()).not.toBe('13055');
    expect(await header.evaluate((th) => getComputedStyle(th).position)).toBe('sticky');
    await s.page.locator('#communes-table thead th', { hasText: /^Commune/ }).locator('button').click();
  });

  it('recovers from a lost WebGL context with the same view, choropleth and selection', async () => {
    await s.page.click('#communes-table tbody tr[data-code="13047"] button');
    await s.page.waitForSelector('#info-card');
    await s.page.evaluate(() => (window as any).__map.jumpTo({ center: [5.0, 43.5], zoom: 10.2 }));
    await waitForIdle(s.page);
    /** What the map shows: view, and the feature state (choropleth class, selection) of every commune. */
    const drawn = () =>
      s.page.evaluate((codes: string[]) => {
        const map = (window as any).__map;
        const c = map.getCenter();
        return {
          view: [c.lng, c.lat, map.getZoom()].map((x: number) => Math.round(x * 1e5) / 1e5),
          // Class and selection; "false" flags left by earlier clicks count as unset.
          states: Object.fromEntries(
            codes.map((code) => {
              const st = map.getFeatureState({ source: 'communes', id: code });
              return [code, { cls: st.cls ?? null, selected: !!st.selected }];
            }),
          ),
          supports: !!map.getSource('supports'),
        };
      }, territories.communes.map((c: { code: string }) => c.code));
    const before = await drawn();
    expect(before.states['13047']).toMatchObject({ selected: true });
    expect(Object.values(before.states).filter((st: any) => typeof st.cls === 'number').length).toBeGreaterThan(50);
    const pixelBefore = await pixelAt(s.page, [4.99, 43.51]);

    await s.page.evaluate(() => ((window as any).__lostMap = new WeakRef((window as any).__map)));
    expect(await s.page.getAttribute('#map', 'data-map-generation')).toBe('1');
    await s.page.evaluate(() => (window as any).__map.getCanvas().getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
    // Told while the new map is built, and no more after.
    // Visible for 2 s at least (RECOVER_AFTER_MS) plus the rebuild; a busy machine answers slowly.
    await s.page.waitForSelector('.map-status:has-text("la carte redémarre")', { timeout: 10_000 });
    await s.page.waitForSelector('#map[data-map-generation="2"][data-ready="true"]', { timeout: 20_000 });
    await waitForIdle(s.page);
    expect(await s.page.textContent('.map-status')).toBe('');

    const after = await drawn();
    expect(after).toEqual(before);
    expect(await pixelAt(s.page, [4.99, 43.51])).toEqual(pixelBefore);
    expect(await s.page.textContent('#info-card')).toContain('Istres');
    await shot(s.page, 'map-after-context-loss');
    // The app keeps using the new map: the reset button moves it.
    await s.page.click('#reset-view');
    await s.page.waitForFunction(() => (window as any).__map.getZoom() < 9.5, null, { timeout: 5000 });
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
    expect(await s.page.evaluate(() => (window as any).__lostMap.deref() === undefined)).toBe(true);
  });

  it('made no request outside its own origin and logged no error', async () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
