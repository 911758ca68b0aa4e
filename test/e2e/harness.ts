// End-to-end harness: serves dist/ with the production server (CSP included), drives Debian's
// Chromium through playwright-core, records every request and console error.

import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAppServer } from '../../scripts/serve.mjs';
import { PUBLICATION_PATH } from '../../src/lib/publication/types.ts';

export const ARTIFACTS = resolve('test-results/e2e');
mkdirSync(ARTIFACTS, { recursive: true });

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  } catch {
    throw new Error('Chromium introuvable : lancez scripts/ensure-chromium.sh ou installez le paquet Debian « chromium ».');
  }
}

export interface Session {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

export async function startServer(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  // E2E_DIST: test another build folder (e.g. while dist/ is being rebuilt by someone else).
  const server = createAppServer(resolve(process.env.E2E_DIST ?? 'dist'));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Benign Chromium/SwiftShader noise that is not an app error. */
const NOISE = [/GPU stall due to ReadPixels/, /GL Driver Message/, /WebGL: too many errors/];

export async function openApp(baseUrl: string, path = '', opts: { viewport?: { width: number; height: number }; hasTouch?: boolean } = {}): Promise<Session> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'e2e-chromium-')), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 860 },
    hasTouch: opts.hasTouch ?? false,
    locale: 'fr-FR',
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const requests: string[] = [];
  const errors: string[] = [];
  const origin = new URL(baseUrl).origin;
  // Anything leaving the app's origin is recorded and aborted: the app must work fully offline.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    const u = new URL(url);
    if (u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    return route.abort('internetdisconnected');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || NOISE.some((re) => re.test(msg.text()))) return;
    // The app looks for a published package at start; its 404 on a non-published build is expected.
    if (/status of 404/.test(msg.text()) && msg.location().url.endsWith(`/${PUBLICATION_PATH}`)) return;
    errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(new URL(path, baseUrl).href);
  return { baseUrl, context, page, requests, errors, close: () => context.close() };
}

export async function waitForMapReady(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector('#map[data-ready="true"]', { timeout });
}

/**
 * The commune profile (of `code`, when given) is on screen and complete: it is built in two
 * frames (the key figures, then the sections after them) and says aria-busy="false" once whole.
 */
export async function waitForProfileComplete(page: Page, code: string | null = null, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (c) => {
      const profile = document.querySelector('#commune-profile');
      return !!profile && (c === null || profile.getAttribute('data-code') === c) && profile.getAttribute('aria-busy') === 'false';
    },
    code,
    { timeout },
  );
}

/** Two animation frames: the app's effects of the last action have run and told the map. */
export async function afterFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

/** The app has reacted to the last action and the map has drawn it (states, never a fixed delay). */
export async function settle(page: Page): Promise<void> {
  await afterFrames(page);
  await waitForIdle(page);
}

/** Waits until MapLibre has nothing left to load or draw. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok) => {
        const map = (window as unknown as { __map: { loaded(): boolean; once(e: string, f: () => void): void; triggerRepaint(): void } }).__map;
        if (map.loaded()) {
          // loaded() can be true between a style change and the repaint; wait one idle anyway.
          map.once('idle', () => ok());
          map.triggerRepaint();
        } else map.once('idle', () => ok());
      }),
  );
}

export function foreignRequests(s: Session): string[] {
  const origin = new URL(s.baseUrl).origin;
  return s.requests.filter((u) => {
    const p = new URL(u);
    return p.origin !== origin && p.protocol !== 'data:' && p.protocol !== 'blob:';
  });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
