// Gap analysis for planners: from the home page to "which communes hit by layoffs received no
// support?", the map/table sync, the custom area, companies near QPV, exports and permalinks.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, openApp, settle, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8'));
const territories = JSON.parse(readFileSync('public/data/territoires.json', 'utf8'));

/** Communes hit by layoffs with no supported company, computed from the demo file itself. */
const expectedWhite = (() => {
  const cut = new Set<string>(demo.layoffs.map((l: any) => (l.communeCode.startsWith('132') ? '13055' : l.communeCode)));
  const supported = new Set<string>(demo.supports.map((s: any) => s.communeCode));
  return [...cut].filter((c) => !supported.has(c)).map((c) => territories.communes.find((x: any) => x.code === c).nom).sort();
})();

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;


async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path!) };
}

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl);
  await waitForMapReady(s.page);
  await s.page.waitForSelector('[data-figure="companies"]');
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('gap analysis', () => {
  it('answers "which communes hit by layoffs received no support?" from the home page', async () => {
    expect(expectedWhite.length).toBeGreaterThan(2);
    const t0 = Date.now();
    await s.page.click('.app-nav a[href="#/ecarts"]');
    await s.page.waitForSelector('#white-zones li');
    expect(await s.page.evaluate(() => location.hash)).toBe('#/ecarts');
    const items = await s.page.$$eval('#white-zones li', (lis) => lis.map((li) => li.textContent ?? ''));
    const noSupport = items.filter((t) => t.includes('Touchée par des licenciements, aucun soutien')).map((t) => t.split(' — ')[0].trim());
    expect(noSupport.sort()).toEqual(expectedWhite);
    // The table puts the same territories first.
    const firstRows = await s.page.$$eval('#gap-table tbody tr', (trs) => trs.slice(0, 12).map((tr) => tr.getAttribute('data-code')));
    const codes = expectedWhite.map((n) => territories.communes.find((c: any) => c.nom === n).code);
    for (const c of codes) expect(firstRows).toContain(c);
    expect(Date.now() - t0).toBeLessThan(60_000);
    await settle(s.page);
    await shot(s.page, 'gaps-communes');
  });

  it('draws a bivariate map whose 3×3 legend counts every commune', async () => {
    const counts = await s.page.$$eval('#bivariate-legend td', (tds) => tds.map((td) => Number(td.textContent)));
    expect(counts).toHaveLength(9);
    const classified = await s.page.evaluate(() => {
      const map = (window as any).__map;
      const codes = new Set<string>(map.querySourceFeatures('communes').map((f: any) => f.properties.code));
      let n = 0;
      for (const c of codes) if (map.getFeatureState({ source: 'communes', id: c }).cls !== undefined) n++;
      return n;
    });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(classified);
    expect(classified).toBe(119);
  });

  it('exports the table as a CSV that French Excel opens cleanly', async () => {
    const { name, bytes } = await download(s.page, '#export-csv');
    expect(name).toMatch(/^fonds-revitalisation-13_ecarts-communes.*\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(120);
    const header = lines[0].split(';');
    expect(header[0]).toBe('Territoire');
    expect(header).toContain('Emplois supprimés');
    // The first rows are the zones blanches, with their reason.
    const first = lines.slice(1, 1 + expectedWhite.length).map((l) => l.split(';'));
    for (const row of first) expect(row[2]).toMatch(/Touchée par des licenciements|Besoin élevé/);
    // Numbers use the decimal comma, and no cell starts with a formula character.
    for (const l of lines.slice(1)) for (const cell of l.split(';')) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('exports the map with its legend as PNG, and the table as GeoJSON', async () => {
    const png = await download(s.page, '#export-png');
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.bytes.length).toBeGreaterThan(50_000);
    const geo = await download(s.page, '#export-geojson');
    const fc = JSON.parse(geo.bytes.toString('utf8'));
    expect(fc.features).toHaveLength(119);
    expect(['Polygon', 'MultiPolygon']).toContain(fc.features[0].geometry.type);
    expect(fc.features[0].properties).toHaveProperty('Territoire');
  });

  it('syncs the table and the map both ways', async () => {
    const code = '13041'; // Gardanne
    await s.page.hover(`#gap-table tr[data-code="${code}"]`);
    expect(await s.page.evaluate((c) => (window as any).__map.getFeatureState({ source: 'communes', id: c }).hover, code)).toBe(true);
    await s.page.click(`#gap-table tr[data-code="${code}"] th button`);
    await s.page.waitForFunction(() => (window as any).__map.getZoom() > 10, null, { timeout: 5000 });
    await settle(s.page);
    expect(await s.page.getAttribute(`#gap-table tr[data-code="${code}"]`, 'class')).toContain('selected');
    // A click on a commune of the map selects its row: a large commune without any supported company, so
    // that no company symbol lies under the click.
    await s.page.click('#reset-view');
    await settle(s.page);
    const supported = new Set(demo.supports.map((x: any) => x.communeCode));
    const other = territories.communes
      .filter((c: any) => !supported.has(c.code) && c.code !== code)
      .sort((a: any, b: any) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) - (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]))[0];
    const target = await s.page.evaluate((ll) => {
      const map = (window as any).__map;
      const r = map.getCanvas().getBoundingClientRect();
      const p = map.project(ll);
      return { x: r.left + p.x, y: r.top + p.y };
    }, other.labelPoint);
    await s.page.mouse.click(target.x, target.y);
    await s.page.waitForSelector('#gap-table tr.selected');
    expect(await s.page.getAttribute('#gap-table tr.selected', 'data-code')).toBe(other.code);
    await s.page.click('#reset-view');
    await settle(s.page);
  });

  it('gives the figures of a custom area (circle around a commune)', async () => {
    await s.page.selectOption('#circle-commune', '13001');
    await s.page.fill('#circle-radius', '5');
    await s.page.click('#circle-apply');
    await s.page.waitForSelector('#area-figures');
    const companies = Number(await s.page.textContent('[data-area="companies"]'));
    // Same count computed here: supports within 5 km of Aix's label point.
    const aix = territories.communes.find((c: any) => c.code === '13001').labelPoint;
    const R = 6371008.8;
    const rad = (d: number) => (d * Math.PI) / 180;
    const dist = (a: number[], b: number[]) => {
      const h = Math.sin(rad(b[1] - a[1]) / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(rad(b[0] - a[0]) / 2) ** 2;
      return 2 * R * Math.asin(Math.sqrt(h));
    };
    const inside = demo.supports.filter((x: any) => dist(aix, x.location) < 4990).length;
    const maybe = demo.supports.filter((x: any) => dist(aix, x.location) < 5010).length;
    expect(companies).toBeGreaterThanOrEqual(Math.min(inside, maybe));
    expect(companies).toBeLessThanOrEqual(maybe);
    expect(companies).toBeGreaterThan(0);
    await settle(s.page);
    await shot(s.page, 'gaps-custom-area');
    await s.page.click('#clear-area');
  });

  it('counts companies inside and near the QPV, more as the distance grows', async () => {
    const inside = Number(await s.page.textContent('[data-near="inside"]'));
    expect(inside).toBe(demo.supports.filter((x: any) => x.qpvCode).length);
    await s.page.fill('#qpv-distance', '0');
    const near0 = Number(await s.page.textContent('[data-near="near"]'));
    await s.page.fill('#qpv-distance', '1000');
    const near1000 = Number(await s.page.textContent('[data-near="near"]'));
    expect(near0).toBe(0);
    expect(near1000).toBeGreaterThan(near0);
    expect(await s.page.evaluate(() => location.hash)).toContain('distance=1000');
  });

  it('keeps its settings in the URL: reload, then back and forward', async () => {
    await s.page.selectOption('#gap-level', 'epci');
    await s.page.waitForFunction(() => location.hash.includes('niveau=epci'));
    await s.page.reload();
    await waitForMapReady(s.page);
    await s.page.waitForSelector('#gap-table tbody tr');
    expect(await s.page.locator('#gap-table tbody tr').count()).toBe(4);
    expect(await s.page.inputValue('#gap-level')).toBe('epci');
    await s.page.click('.app-nav a[href="#/"]');
    await s.page.waitForSelector('#communes-table');
    await s.page.goBack();
    await s.page.waitForSelector('#gap-table');
    expect(await s.page.inputValue('#gap-level')).toBe('epci');
    await s.page.goForward();
    await s.page.waitForSelector('#communes-table');
  });

  it('made no request outside its own origin and logged no error', async () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
