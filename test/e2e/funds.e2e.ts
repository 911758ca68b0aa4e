// Supported companies on the map: demo data at start, filters, choropleth legend, company card,
// and a file imported through the UI (report, totals equal to the CLI's, persistence, way back).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foreignRequests, openApp, settle, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

const totals = JSON.parse(readFileSync('src/data/demo-totals.json', 'utf8'));
const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

/** A Luhn-valid SIRET built from a 13-digit stem. */
function siret(stem: string): string {
  for (let d = 0; d < 10; d++) {
    const s = stem + d;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let v = Number(s[13 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

/** Windows-1252 bytes (Latin-1 plus the euro sign at 0x80), as Excel writes a French CSV. */
const cp1252 = (text: string) => Buffer.from(Array.from(text, (ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));

// An Excel-style French export: `;`, Windows-1252, decimal comma, two good rows and three bad ones.
const dir = mkdtempSync(join(tmpdir(), 'e2e-import-'));
const importFile = join(dir, 'aides-ddets.csv');
writeFileSync(
  importFile,
  cp1252(
    [
      'Raison sociale;SIRET;Fonds;Montant;Emplois créés;Date;Commune;Code postal',
      `Société Essai Alpha;${siret('9999900010001')};AMPA;12 500,00 €;3;15/03/2021;La Ciotat;13600`,
      `Bêta Industrie Essai;${siret('9999900020001')};Airbus Développement;20000;5;2022;Istres;`,
      'Gamma Essai;;ADIE;abc;1;01/01/2020;Arles;',
      'Delta Essai;12345678901234;ADIE;3000;1;2020-05-01;Marseille 3e;',
      'Epsilon Essai;;ADIE;4000;2;2021-06-01;;13999',
    ].join('\r\n') + '\r\n',
  ),
);
const binaryFile = join(dir, 'photo.csv');
writeFileSync(binaryFile, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0]));

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

const figure = (page: Page, name: string) => page.textContent(`[data-figure="${name}"]`);
const digits = (t: string | null) => Number((t ?? '').replace(/[^\d]/g, ''));

/** Companies drawn: unclustered points plus the counts of clusters, over the whole viewport. */
const drawnCompanies = (page: Page) =>
  page.evaluate(() => {
    const map = (window as any).__map;
    const pts = map.queryRenderedFeatures(undefined, { layers: ['supports-point'] });
    const clusters = map.queryRenderedFeatures(undefined, { layers: ['supports-cluster'] });
    const ids = new Set(pts.map((f: any) => f.properties.id));
    const clusterIds = new Map(clusters.map((f: any) => [f.properties.cluster_id, f.properties.point_count]));
    let n = ids.size;
    for (const c of clusterIds.values()) n += c as number;
    return n;
  });


beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl);
  await waitForMapReady(s.page);
  await s.page.waitForSelector('[data-figure="companies"]');
  await settle(s.page);
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('supported companies on the map', () => {
  it('shows the demo dataset at start, labelled as such, with the generator totals', async () => {
    expect(await s.page.textContent('#demo-badge')).toContain('Données de démonstration');
    expect(digits(await figure(s.page, 'companies'))).toBe(totals.companies);
    expect(digits(await figure(s.page, 'jobs'))).toBe(totals.jobs);
    expect(digits(await figure(s.page, 'amount'))).toBe(totals.amountEur);
    expect(await drawnCompanies(s.page)).toBe(totals.companies);
    await shot(s.page, 'funds-demo');
  });

  it('filters by fund: map, totals and legend change together', async () => {
    await s.page.click('label[for="fund-adie"]');
    await settle(s.page);
    const kept = ['ampa', 'airbus'].map((f) => totals.byFund[f]);
    const companies = kept.reduce((a, b) => a + b.companies, 0);
    expect(digits(await figure(s.page, 'companies'))).toBe(companies);
    expect(digits(await figure(s.page, 'jobs'))).toBe(kept.reduce((a, b) => a + b.jobs, 0));
    expect(digits(await figure(s.page, 'amount'))).toBe(kept.reduce((a, b) => a + b.amountEur, 0));
    expect(await drawnCompanies(s.page)).toBe(companies);
    const legend = await s.page.textContent('[data-legend-section="supports-funds"]');
    expect(legend).toContain('AMPA');
    expect(legend).not.toContain('ADIE');
    await s.page.click('label[for="fund-adie"]');
    await settle(s.page);
    expect(digits(await figure(s.page, 'companies'))).toBe(totals.companies);
  });

  it('filters by year range', async () => {
    await s.page.selectOption('#year-from', '2021');
    await s.page.selectOption('#year-to', '2021');
    await settle(s.page);
    expect(digits(await figure(s.page, 'companies'))).toBe(totals.years['2021']);
    expect(await drawnCompanies(s.page)).toBe(totals.years['2021']);
    const years = Object.keys(totals.years).sort();
    await s.page.selectOption('#year-to', years[years.length - 1]);
    await s.page.selectOption('#year-from', (await s.page.locator('#year-from option').first().getAttribute('value'))!);
    await settle(s.page);
    expect(digits(await figure(s.page, 'companies'))).toBe(totals.companies);
  });

  it('colours communes by classes that the legend describes exactly', async () => {
    const check = async () => {
      const legend = await s.page.$$eval('[data-legend-section="choropleth"] li', (lis) =>
        lis.map((li) => ({ text: li.textContent ?? '', fill: li.querySelector('rect')?.getAttribute('fill') })),
      );
      // Every commune is in exactly one class of the legend.
      const counted = legend.reduce((a, l) => a + Number(/\((\d+) communes?\)/.exec(l.text)?.[1] ?? 0), 0);
      expect(counted).toBe(119);
      // The colour of every commune on the map is one of the legend's colours, with the counts matching.
      const byColour = await s.page.evaluate(() => {
        const map = (window as any).__map;
        const expr = map.getPaintProperty('communes-fill', 'fill-color');
        const colours: Record<number, string> = {};
        for (let i = 2; i < expr.length - 1; i += 2) colours[expr[i]] = expr[i + 1];
        const codes = new Set<string>(map.querySourceFeatures('communes').map((f: any) => f.properties.code));
        const counts: Record<string, number> = {};
        for (const code of codes) {
          const cls = map.getFeatureState({ source: 'communes', id: code }).cls;
          const c = colours[cls];
          counts[c] = (counts[c] ?? 0) + 1;
        }
        return counts;
      });
      for (const l of legend) expect(byColour[l.fill!]).toBe(Number(/\((\d+) communes?\)/.exec(l.text)![1]));
      return legend.map((l) => l.text).join('|');
    };
    const quantile = await check();
    await s.page.selectOption('#method', 'jenks');
    await settle(s.page);
    const jenks = await check();
    expect(jenks).not.toBe(quantile);
    await s.page.selectOption('#indicator', 'jobsCut');
    await settle(s.page);
    await check();
    expect(await s.page.textContent('[data-legend-section="choropleth"]')).toContain('Emplois supprimés');
    await shot(s.page, 'funds-choropleth-jobs-cut');
    await s.page.selectOption('#indicator', 'jobs');
    await s.page.selectOption('#method', 'quantile');
    await settle(s.page);
  });

  it('shows a company card on click, with its location precision', async () => {
    await s.page.evaluate(() => (window as any).__map.jumpTo({ center: [5.45, 43.52], zoom: 12.5 }));
    await settle(s.page);
    const target = await s.page.evaluate(() => {
      const map = (window as any).__map;
      const f = map.queryRenderedFeatures(undefined, { layers: ['supports-point'] })[0];
      const p = map.project(f.geometry.coordinates);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y, id: f.properties.id };
    });
    await s.page.mouse.click(target.x, target.y);
    await s.page.waitForSelector('#info-card');
    const card = await s.page.textContent('#info-card');
    expect(card).toContain('(démo)');
    expect(card).toMatch(/Fonds\s*(AMPA|Airbus Développement|ADIE)/);
    expect(card).toMatch(/Localisation\s*(adresse exacte|centre de)/);
    await shot(s.page, 'funds-company-card');
    await s.page.click('#info-card .info-close');
    await s.page.click('#reset-view');
    await settle(s.page);
  });

  it('imports a Windows-1252 file: report with line numbers, same totals as check-data, kept after reload', async () => {
    const cli = JSON.parse(execFileSync('npx', ['tsx', 'cli/check-data.ts', importFile, '--json'], { encoding: 'utf8' }));
    expect(cli.valid).toBe(2);

    await s.page.setInputFiles('#file-upload', importFile);
    await s.page.waitForSelector('#import-report');
    expect(await s.page.textContent('#import-report [data-count="valid"]')).toBe('2');
    expect(await s.page.textContent('#import-report [data-count="rejected"]')).toBe('3');
    const errorRows = await s.page.$$eval('#import-errors tr.error-row', (trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    expect(errorRows.map((r) => r[0])).toEqual(['4', '5', '6']);
    expect(errorRows[0][1]).toBe('Montant');
    expect(errorRows[1][1]).toBe('SIRET');
    expect(await s.page.getAttribute('#download-report', 'download')).toBe('rapport-import-aides-ddets.csv');
    expect(await s.page.textContent('#import-badge')).toContain('aides-ddets.csv');
    expect(await s.page.locator('#demo-badge').count()).toBe(0);
    expect(digits(await figure(s.page, 'companies'))).toBe(cli.totals.companies);
    expect(digits(await figure(s.page, 'jobs'))).toBe(cli.totals.jobs);
    expect(digits(await figure(s.page, 'amount'))).toBe(Math.round(cli.totals.amountEur));
    await settle(s.page);
    expect(await drawnCompanies(s.page)).toBe(2);
    await shot(s.page, 'funds-import-report');

    await s.page.reload();
    await waitForMapReady(s.page);
    await s.page.waitForSelector('#import-badge');
    expect(digits(await figure(s.page, 'companies'))).toBe(cli.totals.companies);
  });

  it('keeps the loaded data when a file cannot be read', async () => {
    await s.page.setInputFiles('#file-upload', binaryFile);
    await s.page.waitForSelector('#import-error');
    expect(await s.page.textContent('#import-error')).toMatch(/texte|lisible|binaire/i);
    expect(await s.page.textContent('#import-badge')).toContain('aides-ddets.csv');
    expect(digits(await figure(s.page, 'companies'))).toBe(2);
  });

  it('returns to the demo data in one click', async () => {
    await s.page.click('#back-to-demo');
    await s.page.waitForSelector('#demo-badge');
    expect(digits(await figure(s.page, 'companies'))).toBe(totals.companies);
    await s.page.reload();
    await waitForMapReady(s.page);
    await s.page.waitForSelector('#demo-badge');
  });

  it('tells a second tab when the imported data changed, and reloads it on request', async () => {
    const other = await s.context.newPage();
    other.on('pageerror', (e) => s.errors.push(String(e)));
    await other.goto(server.baseUrl);
    await other.waitForSelector('#map[data-ready="true"]');
    await other.setInputFiles('#file-upload', importFile);
    await other.waitForSelector('#import-report');
    await s.page.waitForSelector('#other-tab');
    await s.page.click('#other-tab button');
    await s.page.waitForSelector('#import-badge');
    expect(digits(await figure(s.page, 'companies'))).toBe(2);
    await other.click('#back-to-demo');
    await other.waitForSelector('#demo-badge');
    await other.close();
    await s.page.waitForSelector('#other-tab');
    await s.page.click('#other-tab button');
    await s.page.waitForSelector('#demo-badge');
  });

  it('made no request outside its own origin and logged no error', async () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
