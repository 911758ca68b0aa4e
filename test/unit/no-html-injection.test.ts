// No HTML injection anywhere: every source file under src/ is scanned for the APIs that turn a
// string into markup or code. Nothing is allow-listed: use text bindings ({value}, textContent)
// and DOM construction instead. Comments are not code and are skipped (so a comment may name a
// forbidden API to explain why it is not used).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const SRC = join(root, 'src');

const FORBIDDEN: [string, RegExp][] = [
  ['{@html', /\{@html\b/],
  ['.innerHTML', /\.\s*innerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['eval(', /(?<![\w$])eval\s*\(/],
  // MapLibre's Popup.setHTML parses markup too (use setText / setDOMContent).
  ['setHTML(', /\.setHTML\s*\(/],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(svelte|ts|js|mjs|cjs|html)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Blanks out comments (block, HTML and whole-line // comments), keeping line numbers. */
export function stripComments(code: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return code
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/^[ \t]*\/\/.*$/gm, blank);
}

/** Forbidden constructs found in a source text: "line: construct". */
export function findInjections(code: string): string[] {
  const hits: string[] = [];
  stripComments(code)
    .split('\n')
    .forEach((line, i) => {
      for (const [name, re] of FORBIDDEN) if (re.test(line)) hits.push(`${i + 1}: ${name}`);
    });
  return hits;
}

describe('no HTML injection', () => {
  it('the scanner catches every forbidden construct (and ignores comments)', () => {
    const bad = [
      '{@html name}',
      'el.innerHTML = name;',
      'el.outerHTML = x;',
      "el.insertAdjacentHTML('beforeend', x);",
      'document.write(x);',
      "const f = new Function('return 1');",
      'eval(code);',
      'window.eval (code);',
      'popup.setHTML(name);',
    ];
    for (const line of bad) expect(findInjections(line), line).not.toEqual([]);
    const fine = ['// never use {@html}', '/* el.innerHTML */', '<!-- {@html x} -->', 'retrieval(x); medieval(y);', 'el.textContent = name;', "const s = 'HTML';"];
    for (const line of fine) expect(findInjections(line), line).toEqual([]);
  });

  it('no source file under src/ uses {@html}, innerHTML, outerHTML, insertAdjacentHTML, document.write, new Function, eval or setHTML', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const f of files) for (const h of findInjections(readFileSync(f, 'utf8'))) found.push(`${relative(root, f)}:${h}`);
    expect(found).toEqual([]);
  });
});
