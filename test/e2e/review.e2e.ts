// The steering committee's annual review (#/bilan/<année>) and its A4-landscape PDF, the
// comparison of two territories (#/comparer/a/b) against their profiles, the year slider.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, openApp, shot, startServer, waitForIdle, waitForMapReady, type Session } from './harness.ts';

interface DemoSupport {
  id: string;
  siret: string | null;
  fund: string;
  date: string;
  amountEur: number;
  jobsAchieved: number | null;
  jobsPlanned: number | null;
  communeCode: string;
  isMicroEntrepreneur: boolean;
}
const demo = JSON.parse(readFileSync('src/data/demo-dataset.json', 'utf8')) as { supports: DemoSupport[] };
const digits = (t: string | null) => Number((t ?? '').replace(/[^\d]/g, ''));
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
const mediaBoxes = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);

const YEAR = 2022;
const inYear = demo.supports.filter((s) => s.date.startsWith(String(YEAR)));
const jobsOf = (s: DemoSupport) => s.jobsAchieved ?? s.jobsPlanned ?? 0;

let server: Awaited<ReturnType<typeof startServer>>;
let s: Session;

beforeAll(async () => {
  server = await startServer();
  s = await openApp(server.baseUrl, `#/bilan/${YEAR}`);
  await s.page.waitForSelector('#annual-review[data-year="2022"] #review-key', { timeout: 30_000 });
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

const keyCell = (page: Page, label: string, col: string) => page.textContent(`#bilan-chiffres-cles tr[data-row="${label}"] td[data-col="${col}"]`);

describe('annual review', () => {
  it('shows the year’s figures, computed independently here from the demo file', async () => {
    const page = s.page;
    expect(await page.textContent('#review-title')).toContain(`Bilan ${YEAR}`);
    expect(await page.isVisible('#review-demo-badge')).toBe(true);
    expect(await page.isVisible('#map')).toBe(false);
    const companies = new Set(inYear.map((x) => (x.siret ? x.siret : x.id))).size;
    expect(digits(await keyCell(page, 'Entreprises soutenues', 'now'))).toBe(companies);
    expect(digits(await keyCell(page, 'Emplois créés', 'now'))).toBe(inYear.reduce((a, x) => a + jobsOf(x), 0));
    expect(digits(await keyCell(page, 'Montant des aides (€)', 'now'))).toBe(inYear.reduce((a, x) => a + x.amountEur, 0));
    const upTo = demo.supports.filter((x) => Number(x.date.slice(0, 4)) <= YEAR);
    expect(digits(await keyCell(page, 'Emplois créés', 'cumul'))).toBe(upTo.reduce((a, x) => a + jobsOf(x), 0));
    // Per fund (year), one page per fund, the maps drawn.
    const adie = inYear.filter((x) => x.fund === 'adie');
    expect(digits(await page.textContent('#bilan-fonds-annee tr[data-row="ADIE"] td[data-col="companies"]'))).toBe(adie.length);
    for (const f of ['ampa', 'airbus', 'adie']) expect(await page.isVisible(`#review-fund-${f}`)).toBe(true);
    await page.waitForSelector('#review-map-zones svg path[data-zone="none"]', { timeout: 15_000 });
    expect(await page.locator('#review-map-supports svg circle').count()).toBe(upTo.length);
    await page.screenshot({ path: join(ARTIFACTS, 'review-2022.png'), fullPage: true });
  });

  it('public mode masks small groups and never draws a micro-entrepreneur', async () => {
    const page = s.page;
    await page.goto(new URL(`#/bilan/${YEAR}?mode=public`, server.baseUrl).href);
    await page.waitForSelector('#annual-review[data-mode="public"] #review-maps', { timeout: 15_000 });
    const upTo = demo.supports.filter((x) => Number(x.date.slice(0, 4)) <= YEAR);
    await page.waitForSelector('#review-map-supports svg circle');
    expect(await page.locator('#review-map-supports svg circle').count()).toBe(upTo.filter((x) => !x.isMicroEntrepreneur).length);
    expect(await page.textContent('#review-mode')).toContain('secret statistique appliqué');
    const ampaYear = new Set(inYear.filter((x) => x.fund === 'ampa').map((x) => x.siret)).size;
    const cell = await page.textContent('#bilan-fonds-annee tr[data-row="AMPA"] td[data-col="companies"]');
    expect(cell?.trim()).toBe(ampaYear < 3 ? '< 3' : String(ampaYear));
  });

  it('prints as an A4-landscape report of 10 pages with page numbers, date and sources on every page', async () => {
    const page = s.page;
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: null });
    writeFileSync(join(ARTIFACTS, 'review-2022-public.pdf'), pdf);
    expect(pdfPages(pdf)).toBe(10);
    const boxes = mediaBoxes(pdf);
    expect(boxes.length).toBeGreaterThanOrEqual(10);
    for (const [w, h] of boxes) {
      expect(Math.round(w)).toBe(842); // A4 landscape: 297 × 210 mm = 842 × 595 pt
      expect(Math.round(h)).toBe(595);
    }
  });

  it('made no request outside its own origin and logged no error', () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

export { waitForIdle, waitForMapReady, shot };
