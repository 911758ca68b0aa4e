// Runs once before the unit tests: the tests on the real layers (engine vs turf, locator, kiosk
// figures, CLI) need public/data, so it is built here when missing or stale, and a missing build
// fails the run loudly. Those tests are never skipped, even on a fresh clone with `npx vitest`.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function setup() {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync('npm', ['run', '--silent', 'geodata:ensure'], { cwd: root, stdio: 'inherit' });
  const index = join(root, 'public', 'data', 'territoires.json');
  if (!existsSync(index)) throw new Error(`${index} absent : lancez « npm run geodata » (sources dans ../shared/geodata ou GEODATA_SOURCE).`);
}
