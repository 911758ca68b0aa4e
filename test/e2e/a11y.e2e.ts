// Accessibility (RGAA 4.1 AA): axe-core on every view, zero violations of WCAG 2.1 A/AA rules,
// and the keyboard path through the main features.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, settle, startServer, waitForIdle, waitForMapReady, waitForProfileComplete, type Session } from './harness.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

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

async function open(hash: string, ready: string) {
  await s.page.evaluate((h) => (location.hash = h), hash);
  await s.page.waitForSelector(ready);
  await waitForIdle(s.page);
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('map home', async () => {
    const v = await axe(s.page);
    expect(v, describeViolations(v)).toEqual([]);
  });

  it('map home with the sources dialog open', async () => {
    await s.page.click('#open-sources');
    await s.page.waitForSelector('#sources-table');
    const v = await axe(s.page);
    expect(v, describeViolations(v)).toEqual([]);
    await s.page.keyboard.press('Escape');
  });

  it('gap analysis', async () => {
    await open('#/ecarts', '#gap-table tbody tr');
    const v = await axe(s.page);
    expect(v, describeViolations(v)).toEqual([]);
  });

  it('commune profile, in internal and public modes', async () => {
    await open('#/commune/13047', '#panel h1');
    await waitForProfileComplete(s.page, '13047');
    let v = await axe(s.page);
    expect(v, describeViolations(v)).toEqual([]);
    await s.page.click('label[for="privacy-toggle"]');
    v = await axe(s.page);
    expect(v, describeViolations(v)).toEqual([]);
    await s.page.click('label[for="privacy-toggle"]');
  });

  it('accessibility statement', async () => {
    await open('#/accessibilite', '#accessibility-statement h1');
    const v = await axe(s.page);
    expect(v, describeViolations(v)).toEqual([]);
    await s.page.click('#statement-back');
    await s.page.waitForSelector('#communes-table');
  });

  it('kiosk', async () => {
    const k = await openApp(server.baseUrl, '?mode=kiosque');
    try {
      await waitForMapReady(k.page);
      await settle(k.page);
      const v = await axe(k.page);
      expect(v, describeViolations(v)).toEqual([]);
      expect(foreignRequests(k)).toEqual([]);
    } finally {
      await k.close();
    }
  });
});

describe('keyboard path', () => {
  it('starts with skip links that move the focus without changing the page', async () => {
    await s.page.goto(new URL('#/', server.baseUrl).href);
    await s.page.reload();
    await waitForMapReady(s.page);
    await s.page.waitForSelector('#communes-table');
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Aller au contenu');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Enter');
    expect(await s.page.evaluate(() => !!document.activeElement?.closest('#map'))).toBe(true);
    expect(await s.page.evaluate(() => location.hash)).not.toContain('map');
  });

  it('moves and zooms the map from the keyboard', async () => {
    await s.page.focus('#map canvas');
    const before = await s.page.evaluate(() => {
      const m = (window as any).__map;
      return { c: m.getCenter(), z: m.getZoom() };
    });
    // Under load the map may still be settling when the first key arrives: press until it moves (at most 3 times),
    // waiting for the move itself after each press.
    const pressUntil = async (key: string, moved: (arg: number) => boolean, arg: number) => {
      for (let i = 0; i < 3; i++) {
        await s.page.focus('#map canvas');
        await s.page.keyboard.press(key);
        const ok = await s.page.waitForFunction(moved, arg, { timeout: 5000 }).then(() => true, () => false);
        if (ok) return;
      }
    };
    await pressUntil('ArrowRight', (lng) => (window as any).__map.getCenter().lng > lng, before.c.lng);
    await pressUntil('Equal', (z) => (window as any).__map.getZoom() > z, before.z);
    const after = await s.page.evaluate(() => {
      const m = (window as any).__map;
      return { c: m.getCenter(), z: m.getZoom() };
    });
    expect(after.c.lng).toBeGreaterThan(before.c.lng);
    expect(after.z).toBeGreaterThan(before.z);
    await s.page.click('#reset-view');
  });

  it('finds a commune and opens its profile without a mouse', async () => {
    await s.page.focus('#header-search');
    await s.page.keyboard.type('istres');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction(() => location.hash.startsWith('#/commune/13047'));
    await s.page.waitForSelector('#panel h1');
    expect(await s.page.textContent('#panel h1')).toContain('Istres');
  });

  it('made no request outside its own origin and logged no error', async () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
