// `npm run serve -- DIR` (scripts/serve.mjs with a folder) serves that folder with exactly the
// headers of `npm start` (createAppServer), on PORT and HOST.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '../../scripts/serve.mjs';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'serve-dir-'));
let child: ChildProcess;
let cliBase = '';
let refBase = '';
let closeRef: () => Promise<void>;

function serveCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['scripts/serve.mjs', ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
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
  cliBase = await new Promise<string>((ok, ko) => {
    let out = '';
    child.stdout!.on('data', (b) => {
      out += String(b);
      const m = /http:\/\/[\w.]+:\d+\//.exec(out);
      if (m) ok(m[0].replace(/\/$/, ''));
    });
    child.on('exit', (code) => ko(new Error(`serve.mjs exited with ${code}`)));
  });
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
});
