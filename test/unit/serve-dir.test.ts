// `npm run serve -- DIR` (scripts/serve.mjs with a folder) serves that folder with exactly the
// headers of `npm start` (createAppServer), on PORT and HOST.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '../../scripts/serve.mjs';
import { writeHeaderFiles } from '../../scripts/site-headers.mjs';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'serve-dir-'));
let child: ChildProcess;
let cliBase = '';
let refBase = '';
let closeRef: () => Promise<void>;

function serveCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const { FRAME_ANCESTORS: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, ['scripts/serve.mjs', ...args], {
    cwd: root,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The base URL a serve.mjs child prints once it listens. */
function listening(p: ChildProcess): Promise<string> {
  return new Promise<string>((ok, ko) => {
    let out = '';
    p.stdout!.on('data', (b) => {
      out += String(b);
      const m = /http:\/\/[\w.]+:\d+\//.exec(out);
      if (m) ok(m[0].replace(/\/$/, ''));
    });
    p.on('exit', (code) => ko(new Error(`serve.mjs exited with ${code}`)));
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>site publié</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
  writeFileSync(join(dir, 'data', 'publication.json'), '{"format":"carte-fonds-revitalisation-13/publication"}');
  writeFileSync(join(dir, 'sw.js'), '// sw');
  child = serveCli([dir]);
  cliBase = await listening(child);
  const ref = createAppServer(dir);
  await new Promise<void>((ok) => ref.listen(0, '127.0.0.1', ok));
  refBase = `http://127.0.0.1:${(ref.address() as AddressInfo).port}`;
  closeRef = () => new Promise((ok) => ref.close(() => ok()));
}, 30_000);

afterAll(async () => {
  child?.kill();
  await closeRef?.();
  rmSync(dir, { recursive: true, force: true });
});

const headersOf = (r: Response) => Object.fromEntries([...r.headers].filter(([k]) => !['date', 'keep-alive', 'connection'].includes(k)));

describe('npm run serve -- DIR', () => {
  it.each(['/', '/index.html', '/assets/index-abc123.js', '/data/publication.json', '/sw.js', '/absent.json'])(
    'serves %s from the folder with the headers of npm start',
    async (path) => {
      const [a, b] = await Promise.all([fetch(cliBase + path), fetch(refBase + path)]);
      expect(a.status).toBe(b.status);
      expect(headersOf(a)).toEqual(headersOf(b));
      expect(await a.text()).toBe(await b.text());
    },
  );

  it('the published package is served fresh (no-cache), hashed assets immutable', async () => {
    expect((await fetch(cliBase + '/data/publication.json')).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(cliBase + '/assets/index-abc123.js')).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(cliBase + '/')).headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a folder that is not a built site (exit 2, French message)', async () => {
    const p = serveCli([join(dir, 'absent')]);
    let err = '';
    p.stderr!.on('data', (b) => (err += String(b)));
    const code = await new Promise<number | null>((ok) => p.on('exit', ok));
    expect(code).toBe(2);
    expect(err).toContain("n'est pas un site construit");
  });

  it('a published folder is served with the frame-ancestors its publication recorded; a flag or FRAME_ANCESTORS wins', async () => {
    const site = mkdtempSync(join(tmpdir(), 'serve-recorded-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>site publié</title>');
    writeHeaderFiles(site, { frameAncestors: ['https://www.istres.fr'] });
    const policy = async (args: string[], env?: Record<string, string>) => {
      const p = serveCli([site, ...args], env);
      try {
        return (await fetch((await listening(p)) + '/')).headers.get('content-security-policy');
      } finally {
        p.kill();
      }
    };
    try {
      expect(await policy([])).toMatch(/; frame-ancestors https:\/\/www\.istres\.fr$/);
      expect(await policy(['--frame-ancestors=https://www.aubagne.fr'])).toMatch(/; frame-ancestors https:\/\/www\.aubagne\.fr$/);
      expect(await policy([], { FRAME_ANCESTORS: 'none' })).toMatch(/; frame-ancestors 'none'$/);
      // The folder of this file's other tests has no record: none.
      expect((await fetch(cliBase + '/')).headers.get('content-security-policy')).toMatch(/; frame-ancestors 'none'$/);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
