// Writes a published site: a copy of the production build (dist/) with the published data package
// and without the demo dataset, plus a service worker that precaches that data. Used by
// `npm run publish-site` and by the e2e tests of the published site. Node only.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parsePublishedDataset } from '../src/lib/publication/package.ts';
import { PUBLICATION_PATH, PUBLISHED_SITE_META, type PublishedDataset } from '../src/lib/publication/types.ts';
import { type HeaderOptions, SERVER_FILES, writeHeaderFiles } from '../scripts/site-headers.mjs';
import { DEMO_PRELOAD_ATTRIBUTE, precompressFileSync } from './assets.ts';
import { precacheList, writeServiceWorker } from './offline-sw.ts';

/** The site cannot be written (no build, output folder refused, demo data left); French message. */
export class PublishSiteError extends Error {}

export interface WritePublishedSiteOptions {
  /**
   * Allow writing into a non-empty folder that is not a previous published site (its content is
   * replaced). Default false: a previous published site (it has data/publication.json) is replaced,
   * any other non-empty folder is refused, so that a typo never wipes an unrelated folder.
   */
  force?: boolean;
  /**
   * Sites allowed to show the site in a frame (CSP frame-ancestors, already checked by
   * parseFrameAncestors); none by default. Written into the site's header files.
   */
  frameAncestors?: HeaderOptions['frameAncestors'];
}

export interface PublishedSiteResult {
  /** Every file of the site but the precompressed copies, relative to outDir, '/'-separated, sorted (sw.js and the header files included). */
  files: string[];
  /** Files of the build left out of the copy (demo data). */
  removed: string[];
  /** Version of the service worker (changes with any file, the data included). */
  swVersion: string;
}

/** The demo data a production build carries (Vite emits src/data/demo-dataset.json?url as assets/demo-dataset-HASH.json). */
export function isDemoFile(rel: string): boolean {
  const name = basename(rel);
  return name.startsWith('demo-') || name.endsWith('.csv');
}

// Demo SIRETs: 14 digits starting with 99999 (scripts/generate-demo.ts), checksum-valid.
const DEMO_SIRET = /(?<!\d)99999\d{9}(?!\d)/g;
const BINARY = /\.(woff2?|png|ico|jpe?g|webp|gif)$/i;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Demo SIRETs found in the text files of `dir` (file → SIRETs). */
export function findDemoSirets(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const rel of precacheList(dir)) {
    if (BINARY.test(rel)) continue;
    const hits = [...readFileSync(join(dir, rel), 'utf8').matchAll(DEMO_SIRET)].map((m) => m[0]).filter(luhn);
    if (hits.length) found.set(rel, [...new Set(hits)]);
  }
  return found;
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent + sep);
}

function prepareOutDir(dist: string, out: string, force: boolean): void {
  if (isInside(out, dist) || isInside(dist, out)) {
    throw new PublishSiteError(`Le dossier de sortie ${out} ne peut pas contenir le build ${dist} ni être à l'intérieur.`);
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new PublishSiteError(`${out} existe et n'est pas un dossier.`);
    const entries = readdirSync(out);
    const previous = existsSync(join(out, PUBLICATION_PATH));
    if (entries.length > 0 && !previous && !force) {
      throw new PublishSiteError(
        `Le dossier ${out} n'est pas vide et ne contient pas de site publié : choisissez un dossier vide (ou --force pour le remplacer).`,
      );
    }
    // Nothing of a previous publication may survive (an old asset, an old dataset).
    for (const e of entries) rmSync(join(out, e), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/**
 * Copies the production build `distDir` into `outDir`, leaves out the demo dataset, writes the
 * published package at `outDir/data/publication.json` and a service worker covering it.
 * Throws (French message) when distDir is not a build, the package breaks the contract
 * (PackageError) or a demo SIRET would remain.
 */
export function writePublishedSite(
  distDir: string,
  outDir: string,
  publication: PublishedDataset,
  opts: WritePublishedSiteOptions = {},
): PublishedSiteResult {
  const dist = resolve(distDir);
  const out = resolve(outDir);
  if (!existsSync(join(dist, 'index.html'))) {
    throw new PublishSiteError(`Aucun build de l'application dans ${dist} (index.html absent) : lancez « npm run build ».`);
  }
  // Whitelist copy: only the contract's fields are written, whatever the caller's object carries.
  const safe = parsePublishedDataset(publication);
  prepareOutDir(dist, out, opts.force ?? false);

  const removed: string[] = [];
  cpSync(dist, out, {
    recursive: true,
    filter: (src) => {
      const rel = relative(dist, src).split(sep).join('/');
      if (rel === '' || statSync(src).isDirectory()) return true;
      // A precompressed copy goes with its file (a demo CSV's copies are demo data too).
      const original = rel.replace(/\.(br|gz)$/, '');
      if (isDemoFile(original) || original === PUBLICATION_PATH) {
        if (isDemoFile(original) && original === rel) removed.push(rel);
        return false;
      }
      return true;
    },
  });

  const leaks = findDemoSirets(out);
  if (leaks.size > 0) {
    rmSync(out, { recursive: true, force: true });
    const where = [...leaks.keys()].join(', ');
    throw new PublishSiteError(`Le build contient encore des SIRET de démonstration (${where}) : site non publié.`);
  }

  const target = join(out, PUBLICATION_PATH);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(safe));
  precompressFileSync(target);
  markPublished(join(out, 'index.html'));
  writeHeaderFiles(out, { frameAncestors: opts.frameAncestors });
  const sw = writeServiceWorker(out);
  return { files: precacheList(out).concat('sw.js', ...SERVER_FILES).sort(), removed: removed.sort(), swVersion: sw.version };
}

/**
 * Tells the app in its page that it is a published site (`PUBLISHED_SITE_META`), so that at start
 * it asks for the published package alone, never for the demo it does not have; the page's
 * preload of the demo goes too.
 */
function markPublished(indexHtml: string): void {
  let html = readFileSync(indexHtml, 'utf8');
  html = html.replace(new RegExp(`\\s*<link [^>]*${DEMO_PRELOAD_ATTRIBUTE}[^>]*>`, 'g'), '');
  if (!html.includes(`name="${PUBLISHED_SITE_META}"`)) {
    html = html.replace(/<head>/i, `<head>\n    <meta name="${PUBLISHED_SITE_META}" content="${PUBLICATION_PATH}" />`);
  }
  writeFileSync(indexHtml, html);
  precompressFileSync(indexHtml);
}
