// Vite plugins for what the server sends: the purged DSFR CSS (css-purge.ts), fonts in woff2
// only, and precompressed copies of every text file of the build (name.br, name.gz) that the
// servers (scripts/serve.mjs, nginx's gzip_static / brotli_static) send by Accept-Encoding.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { dropUnusedFontFaces, dsfrClassesIn, purgeCss } from './css-purge.ts';
import { listFiles } from './offline-sw.ts';
import { START_DATA_FILES } from '../src/lib/geodata/load.ts';
import { PUBLICATION_PATH } from '../src/lib/publication/types.ts';

/** Every browser the app supports reads woff2: the woff fallbacks are never downloaded. */
export function dropWoffFallback(css: string): string {
  return css.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']?woff["']?\)/g, '');
}

export function purgeDsfrCss(): Plugin {
  return {
    name: 'purge-dsfr-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const used = new Set<string>();
      for (const item of Object.values(bundle)) {
        if (item.type === 'chunk') for (const c of dsfrClassesIn(item.code)) used.add(c);
        else if (item.fileName.endsWith('.html')) for (const c of dsfrClassesIn(String(item.source))) used.add(c);
      }
      const css = Object.values(bundle).filter((a) => a.type === 'asset' && a.fileName.endsWith('.css'));
      for (const asset of css) {
        if (asset.type !== 'asset') continue;
        asset.source = dropWoffFallback(purgeCss(String(asset.source), used));
      }
      const context = Object.values(bundle)
        .map((a) => (a.type === 'chunk' ? a.code : a.fileName.endsWith('.css') || a.fileName.endsWith('.html') ? String(a.source) : ''))
        .join('\n');
      for (const asset of css) if (asset.type === 'asset') asset.source = dropUnusedFontFaces(String(asset.source), context);
      // Fonts no stylesheet refers to any more (the woff fallbacks, unused families) are not written.
      const allCss = css.map((a) => (a.type === 'asset' ? String(a.source) : '')).join('\n');
      for (const [name, item] of Object.entries(bundle)) {
        if (item.type === 'asset' && /\.woff2?$/.test(name) && !allCss.includes(name.split('/').pop()!)) delete bundle[name];
      }
    },
  };
}

/** Marks the demo's preload in the page: publish-site removes it (a published site has no demo). */
export const DEMO_PRELOAD_ATTRIBUTE = 'data-demo';

/**
 * Preloads what the first screen waits for, so that it is requested with the page's code:
 * - the Marianne faces it draws (regular text, bold titles), not only once the CSS is parsed;
 * - the data every page reads at start: the layers' index and manifest, the published package (a
 *   404 outside a published site) and the demo. Their answers wait in the network layer (no script
 *   runs on them) until the app asks for them after the first render: a throttled phone had that
 *   render done at 1.9 s and the data only at 2.2 s. Same URL, mode and credentials as the app's
 *   fetch(), so each preload is reused.
 */
export function preloadFirstScreen(faces = ['Marianne-Regular', 'Marianne-Bold']): Plugin {
  let base = '/';
  return {
    name: 'preload-first-screen',
    apply: 'build',
    configResolved(c) {
      base = c.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {});
        const link = (attrs: Record<string, string>, mark: Record<string, string> = {}) => ({
          tag: 'link',
          attrs: { rel: 'preload', ...attrs, crossorigin: '', ...mark },
          injectTo: 'head' as const,
        });
        const fonts = faces
          .map((face) => files.find((f) => new RegExp(`(^|/)${face}-[\\w-]+\\.woff2$`).test(f)))
          .filter((f): f is string => !!f)
          .map((f) => link({ href: base + f, as: 'font', type: 'font/woff2' }));
        const demo = files.find((f) => /(^|\/)demo-dataset-[\w-]+\.json$/.test(f));
        return [
          ...fonts,
          ...START_DATA_FILES.map((f) => link({ href: `${base}data/${f}`, as: 'fetch' })),
          link({ href: base + PUBLICATION_PATH, as: 'fetch' }),
          ...(demo ? [link({ href: base + demo, as: 'fetch' }, { [DEMO_PRELOAD_ATTRIBUTE]: '' })] : []),
        ];
      },
    },
  };
}

const COMPRESSIBLE = /\.(js|mjs|css|html|json|geojson|svg|csv|txt|webmanifest|xml)$/;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const BROTLI = (size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: size } });

/** Whether a file gets name.br and name.gz: text, over 1 KB, not sw.js (its bytes are how browsers detect an update). */
function worthCompressing(file: string, size: number): boolean {
  return COMPRESSIBLE.test(file) && !file.endsWith('sw.js') && size >= 1024;
}

/** Writes name.br and name.gz beside every text file of the build bigger than 1 KB. */
export async function precompressDir(dir: string): Promise<number> {
  let written = 0;
  for (const file of listFiles(dir)) {
    const raw = readFileSync(file);
    if (!worthCompressing(file, raw.length)) continue;
    const [br, gzipped] = await Promise.all([brotli(raw, BROTLI(raw.length)), gz(raw, { level: 9 })]);
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gzipped);
    written++;
  }
  return written;
}

/**
 * After `file` was rewritten in a built folder: drops its old compressed copies (the server
 * would send them instead of the new content) and writes fresh ones when it deserves them.
 */
export function precompressFileSync(file: string): void {
  rmSync(`${file}.br`, { force: true });
  rmSync(`${file}.gz`, { force: true });
  const raw = readFileSync(file);
  if (!worthCompressing(file, raw.length)) return;
  writeFileSync(`${file}.br`, brotliCompressSync(raw, BROTLI(raw.length)));
  writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
