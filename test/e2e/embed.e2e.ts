// Embeddable commune view for town-hall websites: `?mode=integration#/commune/13047` shows the
// figures and the map, no header, a link to the full site; it loads in another site's iframe only
// when that site is in the server's frame-ancestors allowlist (default 'none').
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '../../scripts/serve.mjs';
import { axe, describeViolations } from './axe.ts';
import { foreignRequests, openApp, shot, startServer, waitForMapReady, waitForProfileComplete, type Session } from './harness.ts';

const listen = async (server: Server) => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('embedded commune view', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let s: Session;
  beforeAll(async () => {
    server = await startServer();
    s = await openApp(server.baseUrl, '?mode=integration#/commune/13047', { viewport: { width: 800, height: 640 } });
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('shows the figures and the map, no header or footer, in public mode, with a link to the full site', async () => {
    const { page } = s;
    await page.waitForFunction(() => document.querySelector('#profile-title')?.textContent?.trim() === 'Istres' && !!document.querySelector('#profile-comparison td[data-figure="jobs"]'));
    await waitForProfileComplete(page, '13047');
    await waitForMapReady(page);
    expect(await page.locator('.fr-header, .fr-footer, #header-search, #privacy-toggle').count()).toBe(0);
    expect(await page.getAttribute('main', 'data-mode')).toBe('public');
    expect(await page.isVisible('#profile-share')).toBe(false);
    const href = await page.getAttribute('#embed-full-site', 'href');
    expect(href).toMatch(/#\/commune\/13047/);
    expect(href).not.toContain('integration');
    expect(await page.getAttribute('#embed-full-site', 'target')).toBe('_blank');
    await shot(page, 'embed-commune');
    const v = await axe(page);
    expect(v, describeViolations(v)).toEqual([]);
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('the full profile offers the iframe code under « Partager »', async () => {
    const { page } = s;
    await page.goto(`${server.baseUrl}#/commune/13047`);
    await page.waitForSelector('#profile-embed');
    await page.click('#profile-embed summary');
    const code = await page.inputValue('[data-testid="profile-embed-code"]');
    expect(code).toBe(`<iframe src="${server.baseUrl}?mode=integration#/commune/13047" title="Fonds de revitalisation : Istres" width="100%" height="720" style="border:0;max-width:100%" loading="lazy" referrerpolicy="no-referrer"></iframe>`);
  });
});

describe('frame-ancestors', () => {
  let town: Server;
  let townUrl = '';
  const apps: Server[] = [];
  let s: Session;
  beforeAll(async () => {
    // A town hall's page on another origin, framing the app given in its query string.
    town = createServer((req, res) => {
      const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Mairie</title><iframe id="f" src="${src}" width="600" height="500"></iframe>`);
    });
    townUrl = await listen(town);
    s = await openApp(townUrl, '/blank');
  });
  afterAll(async () => {
    await s?.close();
    await new Promise((ok) => town.close(ok));
    for (const a of apps) await new Promise((ok) => a.close(ok));
  });

  async function frameLoads(frameAncestors: string[] | undefined): Promise<boolean> {
    const app = createAppServer(resolve(process.env.E2E_DIST ?? 'dist'), frameAncestors ? { frameAncestors } : {});
    apps.push(app);
    const appUrl = await listen(app);
    // The harness lets only the page's origin through: allow the app's too for this test.
    await s.context.route(`${appUrl}/**`, (route) => route.continue());
    await s.page.goto(`${townUrl}/?src=${encodeURIComponent(`${appUrl}/?mode=integration#/commune/13047`)}`);
    const frame = await (await s.page.waitForSelector('#f')).contentFrame();
    try {
      await frame!.waitForSelector('#profile-title', { timeout: 20_000 });
      return true;
    } catch {
      return false;
    }
  }

  it("is refused by default ('none') and shown for an allowed origin", async () => {
    expect(await frameLoads(undefined)).toBe(false);
    expect(await frameLoads([townUrl])).toBe(true);
    await shot(s.page, 'embed-in-town-hall-page');
  });
});
