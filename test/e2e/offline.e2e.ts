// Offline guarantee: every view runs with every request outside the app's origin blocked (the
// harness aborts them and records them), and a kiosk keeps working with the server gone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterFrames, foreignRequests, openApp, startServer, waitForIdle, waitForMapReady, waitForProfileComplete, type Session } from './harness.ts';

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

describe('offline: no request leaves the origin, on every view', () => {
  it('map, sources, gap analysis, profile, print, statement and import', async () => {
    const p = s.page;
    await p.click('#open-sources');
    await p.waitForSelector('#sources-table');
    await p.keyboard.press('Escape');

    await p.evaluate(() => (location.hash = '#/ecarts'));
    await p.waitForSelector('#gap-table tbody tr');
    await waitForIdle(p);

    await p.evaluate(() => (location.hash = '#/commune/13047'));
    await p.waitForSelector('#panel h1');
    await waitForProfileComplete(p, '13047');
    await waitForIdle(p);
    await p.emulateMedia({ media: 'print' });
    await p.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await afterFrames(p);
    await p.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await p.emulateMedia({ media: 'screen' });

    await p.evaluate(() => (location.hash = '#/accessibilite'));
    await p.waitForSelector('#accessibility-statement');

    await p.evaluate(() => (location.hash = '#/'));
    await p.waitForSelector('#file-upload');
    const dir = mkdtempSync(join(tmpdir(), 'e2e-offline-'));
    const file = join(dir, 'petit.csv');
    writeFileSync(file, 'Raison sociale;Fonds;Montant;Emplois créés;Date;Code INSEE\nEssai Hors Ligne;ADIE;3000;1;2021;13004\n');
    await p.setInputFiles('#file-upload', file);
    await p.waitForSelector('#import-report');
    await p.click('#back-to-demo');
    await p.waitForSelector('#demo-badge');

    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('kiosk: keeps working after a reload with the server gone (service worker)', async () => {
    const own = await startServer();
    const k = await openApp(own.baseUrl, '?mode=kiosque');
    try {
      await waitForMapReady(k.page);
      // Wait until the service worker controls the page and has precached the app.
      await k.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise<void>((ok) => navigator.serviceWorker.addEventListener('controllerchange', () => ok(), { once: true }));
        }
        return reg.active?.state;
      });
      await own.close();
      await k.page.reload();
      await waitForMapReady(k.page);
      await waitForIdle(k.page);
      const communes = await k.page.evaluate(
        () => new Set((window as any).__map.queryRenderedFeatures(undefined, { layers: ['communes-fill'] }).map((f: any) => f.properties.code)).size,
      );
      expect(communes).toBeGreaterThan(100);
      expect(foreignRequests(k)).toEqual([]);
    } finally {
      await k.close();
    }
    // Two kiosk loads and the precache of every file: it ran out of the default 90 s at a load average of 25.
  }, 240_000);
});
