// Hostile files imported through the UI (internal mode, the desktop default): HTML and <script>
// in names shown as literal text (nothing executed, no CSP violation), swapped coordinates offered
// back, unreadable files refused without losing the loaded data, and a 50 MB file followed by its
// progress and cancelled with « Annuler ».
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, openApp, settle, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';
import { HOSTILE_DIR, HTML_COMMUNE, HTML_NAMES, writeBigCsv } from '../fixtures/hostile/make-hostile.ts';

const fixture = (name: string) => join(HOSTILE_DIR, name);
const dir = mkdtempSync(join(tmpdir(), 'e2e-hostile-'));
const bigFile = join(dir, 'gros-fichier.csv');

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

const figure = (page: Page, name: string) => page.textContent(`[data-figure="${name}"]`);
const digits = (t: string | null) => Number((t ?? '').replace(/[^\d]/g, ''));


/** What the page shows of the loaded data. */
async function shown(page: Page) {
  return {
    companies: digits(await figure(page, 'companies')),
    amount: digits(await figure(page, 'amount')),
    badge: (await page.locator('#import-badge').count()) ? await page.textContent('#import-badge') : null,
  };
}

/** Imports through the file input and waits for this file's report (or error) once not busy. */
async function importThroughUi(page: Page, file: string, outcome: 'report' | 'error' = 'report') {
  // Each hostile file replaces the data shown (the default adds a file to the imported ones).
  if (await page.locator('#import-mode-replace').count()) await page.click('label[for="import-mode-replace"]');
  await page.setInputFiles('#file-upload', file);
  await page.waitForFunction(
    ([name, outcome]) => {
      if (document.querySelector('#import-busy')) return false;
      if (outcome === 'error') return !!document.querySelector('#import-error');
      return document.querySelector('#import-report strong')?.textContent === name;
    },
    [basename(file), outcome] as const,
    { timeout: 60_000, polling: 50 },
  );
}

beforeAll(async () => {
  writeBigCsv(bigFile);
  server = await startServer();
  s = await openApp(server.baseUrl);
  // Record CSP violations and keep the payloads' flag observable, from the first script on.
  await s.context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await s.page.reload();
  await waitForMapReady(s.page);
  await s.page.waitForSelector('[data-figure="companies"]');
  await settle(s.page);
}, 180_000);

afterAll(async () => {
  await s?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile files in the browser', () => {
  it('HTML and <script> in names are shown as literal text and never run', async () => {
    await importThroughUi(s.page, fixture('html-names.csv'));
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('5');
    expect(await s.page.textContent('#import-report [data-count="rejected"]')).toBe('1');
    // The rejected commune name is quoted in the report as text.
    const message = await s.page.textContent('#import-errors tr.error-row td:nth-child(3)');
    expect(message).toBe(`Commune « ${HTML_COMMUNE} » introuvable dans les Bouches-du-Rhône`);
    expect(await s.page.innerHTML('#import-errors tr.error-row td:nth-child(3)')).toContain('&lt;img src=y');

    // Company cards: the exact names, as text.
    await settle(s.page);
    for (const [k, name, commune] of [[0, HTML_NAMES[0], 'Aubagne'], [1, HTML_NAMES[1], 'La Ciotat']] as const) {
      await s.page.evaluate(async (nom) => {
        const index = await (await fetch('data/territoires.json')).json();
        const c = index.communes.find((x: { nom: string }) => x.nom === nom);
        (window as any).__map.jumpTo({ center: c.labelPoint, zoom: 13 });
      }, commune);
      await settle(s.page);
      const at = await s.page.evaluate((id) => {
        const map = (window as any).__map;
        const f = map.queryRenderedFeatures(undefined, { layers: ['supports-point'] }).find((x: any) => x.properties.id === id);
        const p = map.project(f.geometry.coordinates);
        const r = map.getCanvas().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      }, String(k + 2));
      await s.page.mouse.click(at.x, at.y);
      await s.page.waitForSelector('#info-card-title');
      await s.page.waitForFunction((n) => document.querySelector('#info-card-title')?.textContent === n, name);
      expect(await s.page.textContent('#info-card-title')).toBe(name);
      expect(await s.page.innerHTML('#info-card-title')).toContain('&lt;');
      await shot(s.page, `hostile-card-${k}`);
      await s.page.click('#info-card .info-close');
    }

    // Nothing was turned into markup, nothing ran.
    const injected = await s.page.evaluate(() => ({
      pwned: (window as any).__pwned,
      elements: document.querySelectorAll('img[src="x"], img[src="y"], svg[onload], a[href^="javascript:"], b').length,
      scripts: [...document.scripts].filter((x) => x.textContent?.includes('__pwned')).length,
    }));
    expect(injected).toEqual({ pwned: undefined, elements: 0, scripts: 0 });
    await s.page.click('#reset-view');
    await settle(s.page);
  });

  it('swapped coordinates: corrected by default, with a notice offering to keep the columns as they are', async () => {
    await importThroughUi(s.page, fixture('swapped-latlon.csv'));
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('3');
    const notice = await s.page.textContent('#import-swap-notice');
    expect(notice).toContain('2 lignes semblent avoir la latitude et la longitude inversées : elles ont été corrigées.');
    await shot(s.page, 'hostile-swap-notice');
    await s.page.click('#import-no-swap');
    await s.page.waitForSelector('#import-swap-off');
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('1');
    expect(await s.page.textContent('#import-report [data-count="rejected"]')).toBe('3');
    const errors = await s.page.$$eval('#import-errors tr.error-row td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
    expect(errors.filter((m) => m?.startsWith('Localisation hors des Bouches-du-Rhône'))).toHaveLength(3);
    expect((await shown(s.page)).companies).toBe(1);
  });

  it('binary and empty files: French error, the loaded data stays', async () => {
    await importThroughUi(s.page, fixture('html-names.csv'));
    const before = await shown(s.page);
    expect(before.companies).toBe(5);

    await importThroughUi(s.page, fixture('binary.csv'), 'error');
    expect(await s.page.textContent('#import-error')).toContain('Le fichier ne semble pas être un fichier texte (CSV)');
    expect(await shown(s.page)).toEqual(before);

    await importThroughUi(s.page, fixture('empty.csv'), 'error');
    expect(await s.page.textContent('#import-error')).toContain('Le fichier est vide.');
    expect(await s.page.textContent('#import-error')).toContain('Les données affichées n’ont pas changé.');
    expect(await shown(s.page)).toEqual(before);
  });

  it('a 50 MB file shows its progress and can be cancelled; the data stays; the next import works', async () => {
    const before = await shown(s.page);
    await s.page.setInputFiles('#file-upload', bigFile);
    await s.page.waitForSelector('#import-progress-text');
    expect(await s.page.getAttribute('#import-progress-text', 'role')).toBe('status');
    expect(await s.page.locator('progress#import-progress').count()).toBe(1);
    // Wait until the worker reports some progress, then cancel.
    await s.page.waitForFunction(
      () => {
        const t = document.querySelector('#import-progress-text')?.textContent ?? '';
        const m = /(\d+)\s%$/.exec(t.trim());
        return !!m && (Number(m[1]) > 0 || /Analyse/.test(t));
      },
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    const text = (await s.page.textContent('#import-progress-text'))!.trim();
    expect(text).toMatch(/^(Lecture…|Analyse des lignes…|Préparation de la localisation…) \d+\s%$/);
    await shot(s.page, 'hostile-big-progress');
    await s.page.click('#import-cancel');
    await s.page.waitForSelector('#import-cancelled');
    expect(await s.page.textContent('#import-cancelled')).toContain('Import annulé');
    expect(await s.page.locator('#import-busy').count()).toBe(0);
    expect(await s.page.isEnabled('#file-upload')).toBe(true);
    // A cancelled import changes nothing, even once the page and the map have settled.
    await settle(s.page);
    expect(await shown(s.page)).toEqual(before);

    // A new worker takes the next import.
    await importThroughUi(s.page, fixture('duplicate-sirets.csv'));
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('2');
    // Same SIRET twice: one company, both amounts.
    expect(await shown(s.page)).toMatchObject({ companies: 1, amount: 35000 });
  });

  it('no script ran, no CSP violation, no request outside the origin, no console error', async () => {
    const state = await s.page.evaluate(() => ({ pwned: (window as any).__pwned, csp: (window as any).__csp }));
    expect(state).toEqual({ pwned: undefined, csp: [] });
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
