// The production server (scripts/serve.mjs) and the nginx example (docs/nginx.conf.example) send
// the same Content-Security-Policy and security headers, and the policy is strict: scripts and
// connections from the app's own origin only, no inline or eval'd script.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, createAppServer } from '../../scripts/serve.mjs';

const root = join(import.meta.dirname, '..', '..');
const nginx = readFileSync(join(root, 'docs', 'nginx.conf.example'), 'utf8');

/** Directives of a policy: name → sources. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** nginx: each `location … { … }` block (comments removed) with its add_header values. */
function nginxLocations(conf: string): { match: string; headers: Map<string, string>; body: string }[] {
  const text = conf.replace(/#.*$/gm, '');
  const out: { match: string; headers: Map<string, string>; body: string }[] = [];
  const re = /location\s+([^{]+)\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let depth = 1;
    let i = re.lastIndex;
    while (depth > 0 && i < text.length) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
      i++;
    }
    const body = text.slice(re.lastIndex, i - 1);
    const headers = new Map<string, string>();
    for (const h of body.matchAll(/add_header\s+([\w-]+)\s+"([^"]*)"\s+always\s*;/g)) headers.set(h[1].toLowerCase(), h[2]);
    out.push({ match: m[1].trim(), headers, body });
  }
  return out;
}

let base = '';
let close: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'csp-dist-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'export {};');
  writeFileSync(join(dir, 'data', 'communes.geojson'), '{"type":"FeatureCollection","features":[]}');
  const server = createAppServer(dir);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((ok) => server.close(() => ok()));
});

afterAll(async () => {
  await close?.();
  rmSync(dir, { recursive: true, force: true });
});

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy'];

describe('Content-Security-Policy', () => {
  it('is strict: self only for scripts and connections, no unsafe-inline / unsafe-eval for scripts', () => {
    const d = directives(CSP);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    for (const name of ['default-src', 'script-src', 'worker-src', 'child-src']) {
      const sources = d.get(name) ?? [];
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources.some((s) => s === '*' || /^https?:/.test(s)), name).toBe(false);
    }
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("connect-src 'self'");
  });

  it('the nginx example sends the same policy and headers as scripts/serve.mjs, in every location', async () => {
    const locations = nginxLocations(nginx);
    expect(locations.map((l) => l.match)).toEqual(['/assets/', '~* \\.geojson$', '/']);
    const served = await fetch(`${base}/`);
    for (const loc of locations) {
      expect(loc.headers.get('content-security-policy'), loc.match).toBe(CSP);
      for (const h of SECURITY) expect(loc.headers.get(h), `${loc.match} ${h}`).toBe(served.headers.get(h));
    }
    // No other CSP anywhere in the file (e.g. a stale copy at server level).
    const all = [...nginx.replace(/#.*$/gm, '').matchAll(/Content-Security-Policy\s+"([^"]*)"/g)].map((m) => m[1]);
    expect(all).toHaveLength(locations.length);
    for (const p of all) expect(p).toBe(CSP);
  });

  it('caching: hashed /assets immutable, index.html and data revalidated, as the Node server does', async () => {
    const [asset, index, geo] = await Promise.all([
      fetch(`${base}/assets/app-abc123.js`),
      fetch(`${base}/index.html`),
      fetch(`${base}/data/communes.geojson`),
    ]);
    const byMatch = new Map(nginxLocations(nginx).map((l) => [l.match, l.headers]));
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(byMatch.get('/assets/')!.get('cache-control')).toBe(asset.headers.get('cache-control'));
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(byMatch.get('/')!.get('cache-control')).toBe(index.headers.get('cache-control'));
    expect(byMatch.get('~* \\.geojson$')!.get('cache-control')).toBe(geo.headers.get('cache-control'));
    expect(geo.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(nginxLocations(nginx)[1].body).toMatch(/default_type\s+application\/geo\+json;/);
  });

  it('nginx compresses geojson, json, js and css', () => {
    const text = nginx.replace(/#.*$/gm, '');
    expect(text).toMatch(/^\s*gzip\s+on;/m);
    const types = /gzip_types\s+([^;]+);/.exec(text)![1].split(/\s+/);
    for (const t of ['application/geo+json', 'application/json', 'text/javascript', 'application/javascript', 'text/css']) expect(types).toContain(t);
  });
});
