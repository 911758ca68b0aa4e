// Real files from the field through the browser import (issue 13): rows from outside the
// département rejected and named, a file without a fund column given its fund, several files
// making one dataset (list, counts, remove, replace, duplicates across files, kept after a
// reload), the column mapping step by keyboard and remembered per header, GeoJSON features named
// « élément », consent to publication counted.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, openApp, shot, startServer, waitForMapReady, type Session } from './harness.ts';

const fixture = (name: string) => join('test', 'fixtures', 'import', name);
const dir = mkdtempSync(join(tmpdir(), 'e2e-field-'));
// The same SCDL export under another name: every row is a duplicate across files.
const copy = join(dir, 'scdl-copie.csv');
copyFileSync(fixture('scdl-long-titles.csv'), copy);
// No recognisable location column: « Lieu » holds INSEE codes, to be picked in the mapping step.
const lieu = join(dir, 'lieux.csv');
const lieuBis = join(dir, 'lieux-bis.csv');
writeFileSync(lieu, 'Raison sociale;Fonds;Montant;Date;Lieu\nAlpha Lieu;AMPA;1000;2024-01-02;13005\nBeta Lieu;Adie;500;2024-02-03;13028\n');
writeFileSync(lieuBis, 'Raison sociale;Fonds;Montant;Date;Lieu\nGamma Lieu;Airbus;700;2024-03-04;13047\n');

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

/** Imports through the file input and waits for this file's report (or error) once not busy. */
async function importThroughUi(page: Page, file: string) {
  await page.setInputFiles('#file-upload', file);
  await waitForReport(page, basename(file));
}

async function waitForReport(page: Page, name: string) {
  await page.waitForFunction(
    (name) => !document.querySelector('#import-busy') && document.querySelector('#import-report strong')?.textContent === name,
    name,
    { timeout: 60_000, polling: 50 },
  );
}

const cells = (page: Page) =>
  page.$$eval('#import-errors tr.error-row', (trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent ?? '')));
const listed = (page: Page) =>
  page.$$eval('#imported-files li', (lis) => lis.map((li) => `${li.getAttribute('data-file')}:${li.querySelector('[data-count="kept"]')?.textContent}`));

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl);
  await waitForMapReady(s.page);
  await s.page.waitForSelector('#file-upload');
}, 180_000);

afterAll(async () => {
  await s?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import of real files from the field', () => {
  it('rejects rows from outside the département, naming the commune, the row and the field', async () => {
    await importThroughUi(s.page, fixture('outside-13.csv'));
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('2');
    expect(await s.page.textContent('#import-report [data-count="rejected"]')).toBe('10');
    const rows = await cells(s.page);
    expect(rows[0]).toEqual(['2', 'Code INSEE', 'commune hors des Bouches-du-Rhône : Rousset-Serre-Ponçon (Hautes-Alpes, 05127)']);
    expect(rows.find((r) => r[0] === '6')?.[2]).toBe('commune hors des Bouches-du-Rhône : Fourques (Gard, 30117), coordonnées 4.46557, 43.70874');
    expect(rows.map((r) => r[0])).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '11', '13']);
    expect(await listed(s.page)).toEqual(['outside-13.csv:2']);
  }, 90_000);

  it('a file without a fund column: said once, then re-imported with the fund chosen by keyboard; undated rows counted', async () => {
    await importThroughUi(s.page, fixture('scdl-long-titles.csv'));
    // The attribuant (the Département) is not a fund: the notice offers the file's fund.
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('0');
    await s.page.waitForSelector('#import-fund-notice');
    await s.page.focus('#import-fund');
    await s.page.keyboard.type('Adie');
    expect(await s.page.inputValue('#import-fund')).toBe('adie');
    await s.page.focus('#import-fund-retry');
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction(() => document.querySelector('#import-report [data-count="valid"]')?.textContent === '3');
    expect(await s.page.textContent('#import-report [data-count="undated"]')).toBe('1');
    expect(await s.page.textContent('#import-report')).toContain('Fonds du fichier : ADIE');
    expect(await listed(s.page)).toEqual(['outside-13.csv:2', 'scdl-long-titles.csv:3']);
    await s.page.locator('#import-panel').scrollIntoViewIfNeeded();
    await shot(s.page, 'import-field-fund');
  }, 90_000);

  it('several files, one dataset: duplicates across files reported, one file removed, the set kept after a reload', async () => {
    await importThroughUi(s.page, copy);
    expect(await listed(s.page)).toEqual(['outside-13.csv:2', 'scdl-long-titles.csv:3', 'scdl-copie.csv:0']);
    expect(await s.page.textContent('#cross-file-duplicates summary')).toContain('3 lignes en double entre fichiers');
    expect(await s.page.textContent('[data-file="scdl-copie.csv"] [data-count="excluded"]')).toBe('3');
    await s.page.click('button[aria-label="Retirer scdl-copie.csv"]');
    await s.page.waitForFunction(() => document.querySelectorAll('#imported-files li').length === 2);
    expect(await s.page.locator('#cross-file-duplicates').count()).toBe(0);
    await s.page.reload();
    await waitForMapReady(s.page);
    await s.page.waitForSelector('#imported-files li');
    expect(await listed(s.page)).toEqual(['outside-13.csv:2', 'scdl-long-titles.csv:3']);
    expect(await s.page.textContent('#import-badge')).toContain('2 fichiers');
    await s.page.locator('#import-panel').scrollIntoViewIfNeeded();
    await shot(s.page, 'import-field-files');
  }, 120_000);

  it('column mapping step by keyboard, remembered for a file with the same header', async () => {
    await importThroughUi(s.page, lieu);
    await s.page.waitForSelector('#import-mapping');
    expect((await cells(s.page))[0][0]).toBe('fichier');
    expect(await s.page.textContent('#import-preview')).toContain('13005');
    await s.page.locator('#import-mapping').scrollIntoViewIfNeeded();
    await shot(s.page, 'import-field-mapping-form');
    await s.page.focus('#map-communeCode');
    await s.page.keyboard.type('Lieu');
    expect(await s.page.inputValue('#map-communeCode')).toBe('Lieu');
    await s.page.focus('#import-mapping-apply');
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction(() => document.querySelector('#import-report [data-count="valid"]')?.textContent === '2');
    await s.page.locator('#import-panel').scrollIntoViewIfNeeded();
    await shot(s.page, 'import-field-mapping');
    // Same header, another file: the choice applies by itself.
    await importThroughUi(s.page, lieuBis);
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('1');
    expect(await s.page.textContent('#import-report')).toContain('Colonnes choisies lors d’un import précédent');
  }, 120_000);

  it('GeoJSON in Lambert-93: features named « élément »; consent to publication counted', async () => {
    await importThroughUi(s.page, fixture('lambert93-crs.geojson'));
    expect(await s.page.textContent('#import-errors thead th')).toBe('Élément');
    expect((await cells(s.page)).map((r) => r[0])).toEqual(['3', '4']);
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('2');
    await importThroughUi(s.page, fixture('diffusion.csv'));
    expect(await s.page.textContent('#import-report [data-count="consenting"]')).toBe('4');
    expect(foreignRequests(s)).toEqual([]);
  }, 90_000);
});
