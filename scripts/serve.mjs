// `npm start`: serves the production build (dist/) on HOST:PORT with a strict
// Content-Security-Policy. `npm run serve -- DIR` serves any built folder (a published site)
// with the same headers. No dependency: Node's http module only.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheControl, contentSecurityPolicy, parseFrameAncestors, recordedFrameAncestors, securityHeaders } from './site-headers.mjs';

// The headers live in site-headers.mjs (publish-site writes the same ones into a published folder).
export { contentSecurityPolicy, parseFrameAncestors };

/** The default policy: no site may frame the app. */
export const CSP = contentSecurityPolicy();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The encoding to send for an Accept-Encoding header, among the precompressed copies the build
 * wrote (name.br, name.gz): brotli first, then gzip, never one the client refuses (q=0).
 * @param {string | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function pickEncoding(header) {
  const accepted = new Map();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

const COMPRESSED = /\.(js|mjs|css|html|json|geojson|svg|csv|txt|webmanifest|xml)$/;

/**
 * A static server for a built app folder (default dist/), with the security headers, sending the
 * precompressed copies when the client accepts them.
 * @param {string} [root]
 * @param {{ frameAncestors?: readonly string[] }} [options]
 */
export function createAppServer(root = resolve(fileURLToPath(new URL('../dist', import.meta.url))), options = {}) {
  const security = securityHeaders(options);
  return createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('Interdit');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Introuvable');
      return;
    }
    const compressible = COMPRESSED.test(file);
    const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null;
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
    const precompressed = suffix ? await readFile(file + suffix).catch(() => null) : null;
    const encoded = precompressed !== null;
    const body = precompressed ?? (await readFile(file));
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(encoded ? { 'Content-Encoding': encoding } : {}),
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
      'Content-Length': body.length,
      ...security,
      'Cache-Control': cacheControl(rel),
    });
    res.end(body);
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Erreur serveur');
  }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = Number(process.env.PORT ?? 4173);
  const host = process.env.HOST ?? '127.0.0.1';
  // `npm start` / `npm run serve -- [DIR] [--frame-ancestors=ORIGINS]` (or FRAME_ANCESTORS).
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const flag = args.find((a) => a.startsWith('--frame-ancestors='))?.slice('--frame-ancestors='.length);
  if (dir !== undefined && !existsSync(join(resolve(dir), 'index.html'))) {
    console.error(`Erreur : ${dir} n'est pas un site construit (index.html absent).`);
    process.exit(2);
  }
  let frameAncestors;
  try {
    // A published folder records its allowlist (publish-site --frame-ancestors): serving it
    // without a flag reproduces what its host will send. A flag or FRAME_ANCESTORS still wins.
    const given = flag ?? process.env.FRAME_ANCESTORS;
    const recorded = given === undefined && dir !== undefined ? recordedFrameAncestors(resolve(dir)) : null;
    frameAncestors = recorded ?? parseFrameAncestors(given);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const server = createAppServer(dir === undefined ? undefined : resolve(dir), { frameAncestors });
  server.listen(port, host, () => {
    const { port: actual } = server.address();
    console.log(`Carte des fonds de revitalisation 13 : http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/`);
  });
}
