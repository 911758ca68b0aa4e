// scripts/serve.mjs: precompressed copies negotiated by Accept-Encoding, and the
// Content-Security-Policy built from options (frame-ancestors allowlist).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createAppServer, CSP, parseFrameAncestors, pickEncoding } from '../../scripts/serve.mjs';

const dir = mkdtempSync(join(tmpdir(), 'serve-enc-'));
const js = `export const x = "${'revitalisation '.repeat(200)}";`;
let port = 0;
let close: () => Promise<void>;

/** A raw GET (fetch would decompress and hide the headers' effect). */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, ko) => {
    const req = request({ host: '127.0.0.1', port, path, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', ko);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), js);
  writeFileSync(join(dir, 'assets', 'app-1.js.br'), brotliCompressSync(js));
  writeFileSync(join(dir, 'assets', 'app-1.js.gz'), gzipSync(js));
  writeFileSync(join(dir, 'assets', 'only-raw.js'), js);
  writeFileSync(join(dir, 'assets', 'font.woff2'), Buffer.from([1, 2, 3]));
  const server = createAppServer(dir, { frameAncestors: ['https://www.istres.fr'] });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  close = () => new Promise((ok) => server.close(() => ok()));
});
afterAll(async () => {
  await close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressed assets', () => {
  it('sends brotli, then gzip, then the raw file, by Accept-Encoding, with Vary', async () => {
    const br = await get('/assets/app-1.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);

    const gz = await get('/assets/app-1.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);

    const refused = await get('/assets/app-1.js', 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(js);

    const none = await get('/assets/app-1.js');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.headers.vary).toBe('Accept-Encoding');
  });

  it('falls back to the raw file when no copy was written, and never encodes fonts', async () => {
    const raw = await get('/assets/only-raw.js', 'br');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body.toString()).toBe(js);
    const font = await get('/assets/font.woff2', 'br');
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers.vary).toBeUndefined();
  });

  it('pickEncoding follows q-values and *', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip, br;q=0')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe('frame-ancestors', () => {
  it("is 'none' by default and the allowlist when given", async () => {
    expect(CSP).toMatch(/frame-ancestors 'none'$/);
    expect(contentSecurityPolicy({ frameAncestors: ['https://www.istres.fr', "'self'"] })).toMatch(/frame-ancestors https:\/\/www\.istres\.fr 'self'$/);
    const res = await get('/', 'br');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors https:\/\/www\.istres\.fr$/);
    // Only frame-ancestors changes.
    expect(String(res.headers['content-security-policy']).replace(/frame-ancestors .*$/, '')).toBe(CSP.replace(/frame-ancestors .*$/, ''));
  });

  it('parses FRAME_ANCESTORS / --frame-ancestors and rejects what is not an origin', () => {
    expect(parseFrameAncestors('https://www.istres.fr, https://*.aubagne.fr  http://localhost:8080/')).toEqual(['https://www.istres.fr', 'https://*.aubagne.fr', 'http://localhost:8080']);
    expect(parseFrameAncestors(undefined)).toEqual([]);
    expect(parseFrameAncestors("'none'")).toEqual([]);
    expect(parseFrameAncestors('self')).toEqual(["'self'"]);
    expect(() => parseFrameAncestors("https://a.fr; script-src *")).toThrow(/n’est pas une origine/);
    expect(() => parseFrameAncestors('https://a.fr/page')).toThrow(/https:\/\/a\.fr\/page/);
  });
});
