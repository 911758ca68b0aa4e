// The HTTP headers of the app, in one place: `npm start` / `npm run serve` (scripts/serve.mjs)
// send them, and publish-site writes them into the published folder (`_headers` for Netlify /
// Cloudflare Pages style hosts, `nginx-headers.conf` for nginx) so that the host applies the very
// same ones. Plain JavaScript: the server runs without a build step; types in site-headers.d.mts.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of a published folder that are for the web server, not for the browser. */
export const HEADERS_FILE = '_headers';
export const NGINX_HEADERS_FILE = 'nginx-headers.conf';
export const SERVER_FILES = [HEADERS_FILE, NGINX_HEADERS_FILE];

// MapLibre needs blob: workers and 'wasm-unsafe-eval' is not needed; styles inline are used by
// Svelte transitions and MapLibre controls, hence 'unsafe-inline' for styles only.
/**
 * The Content-Security-Policy. `frameAncestors`: the sites allowed to show the app in a frame (the
 * embeddable commune view, `?mode=integration`), as origins such as `https://www.istres.fr`; none by
 * default ('none').
 * @param {{ frameAncestors?: readonly string[] }} [options]
 */
export function contentSecurityPolicy({ frameAncestors = [] } = {}) {
  const ancestors = parseFrameAncestors(frameAncestors.join(' '));
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    `frame-ancestors ${ancestors.length ? ancestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * An allowlist of frame ancestors from a flag or FRAME_ANCESTORS (separated by spaces or commas).
 * Only origins (https://host[:port], http://localhost…) and 'self' are accepted: anything else
 * (a path, a quote, a semicolon that would end the directive) is an error naming the value.
 * @param {string | undefined} text
 * @returns {string[]}
 */
export function parseFrameAncestors(text) {
  const out = [];
  for (const item of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (item === "'self'" || item === 'self') out.push("'self'");
    else if (item === "'none'" || item === 'none') continue;
    else if (/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?\/?$/i.test(item)) out.push(item.replace(/\/$/, ''));
    else throw new Error(`frame-ancestors : « ${item} » n’est pas une origine (exemple : https://www.istres.fr).`);
  }
  return [...new Set(out)];
}

/**
 * The headers every response carries, whatever the file.
 * @param {{ frameAncestors?: readonly string[] }} [options]
 * @returns {Record<string, string>}
 */
export function securityHeaders(options = {}) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control of a path of the site: hashed build files (/assets/) for a year; everything else
 * (index.html, sw.js, the data, the published package) revalidated at each load.
 * @param {string} path URL path, '/'-separated, with its leading '/'
 */
export function cacheControl(path) {
  return path.startsWith('/assets/') ? IMMUTABLE : 'no-cache';
}

/**
 * `_headers` (Netlify, Cloudflare Pages…) for the folder `dir`: the security headers on every
 * path, Cache-Control per path. These hosts join the values of a header that several rules set,
 * so Cache-Control is given once per path: /assets/* and each other entry at the root.
 * @param {string} dir
 * @param {{ frameAncestors?: readonly string[] }} [options]
 */
export function headersFileText(dir, options = {}) {
  const block = (path, headers) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  const blocks = [block('/*', securityHeaders(options))];
  const paths = ['/'];
  for (const name of readdirSync(dir).sort()) {
    if (SERVER_FILES.includes(name) || /\.(br|gz)$/.test(name)) continue;
    paths.push(statSync(join(dir, name)).isDirectory() ? `/${name}/*` : `/${name}`);
  }
  for (const path of paths) blocks.push(block(path, { 'Cache-Control': cacheControl(path) }));
  return `# En-têtes HTTP du site (généré par npm run publish-site ; même contenu que npm run serve).\n${blocks.join('\n')}\n`;
}

/**
 * `nginx-headers.conf`: the security headers as nginx `add_header … always;` lines, to include in
 * every location block (nginx drops the enclosing level's add_header in a location that has its own).
 * @param {{ frameAncestors?: readonly string[] }} [options]
 */
export function nginxHeadersText(options = {}) {
  const lines = Object.entries(securityHeaders(options)).map(([k, v]) => `add_header ${k} "${v}" always;`);
  return [
    '# En-têtes de sécurité du site (généré par npm run publish-site ; mêmes valeurs que npm run serve).',
    '# À inclure dans chaque bloc location (include …/nginx-headers.conf;), avec Cache-Control :',
    `# "${IMMUTABLE}" pour /assets/, "no-cache" ailleurs (voir docs/nginx.conf.example).`,
    ...lines,
    '',
  ].join('\n');
}

/**
 * Writes `_headers` and `nginx-headers.conf` into the site folder `dir` (after its other files:
 * `_headers` lists them).
 * @param {string} dir
 * @param {{ frameAncestors?: readonly string[] }} [options]
 */
export function writeHeaderFiles(dir, options = {}) {
  writeFileSync(join(dir, HEADERS_FILE), headersFileText(dir, options));
  writeFileSync(join(dir, NGINX_HEADERS_FILE), nginxHeadersText(options));
}

/**
 * The frame-ancestors allowlist recorded in a published folder's `_headers` (publish-site
 * --frame-ancestors), checked again; null when the folder has no `_headers`.
 * @param {string} dir
 * @returns {string[] | null}
 */
export function recordedFrameAncestors(dir) {
  let text;
  try {
    text = readFileSync(join(dir, HEADERS_FILE), 'utf8');
  } catch {
    return null;
  }
  const csp = /^\s*Content-Security-Policy:\s*(.*)$/m.exec(text)?.[1] ?? '';
  const directive = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-ancestors '));
  return parseFrameAncestors(directive?.slice('frame-ancestors '.length));
}
