// Purge of the DSFR CSS: the app imports the DSFR core and two dozen component files whole (every
// variant, size, icon and the dark theme: about 880 KB once Vite has inlined the icons), and uses a
// small part of them. This keeps a DSFR selector (`.fr-…`) only when every DSFR class it requires
// appears in the built JavaScript or HTML, drops the dark and « system » themes (they need the DSFR
// JavaScript, which the app does not load) and Internet Explorer's `-ms-high-contrast` blocks.
// Everything else (elements, the app's own and MapLibre's classes, @font-face, @keyframes) stays.
//
// Pure string work, no dependency: a small block parser for minified CSS that respects strings,
// url(…) and parentheses. Unit-tested (test/unit/css-purge.test.ts).

interface Block {
  /** Text before `{` (a selector list or an at-rule prelude), trimmed. */
  prelude: string;
  /** Raw text between the braces. */
  body: string;
}

/** Splits CSS into top-level statements: blocks, and `@…;` statements kept as raw text. */
function topLevel(css: string): (Block | string)[] {
  const out: (Block | string)[] = [];
  let i = 0;
  let start = 0;
  let depth = 0;
  let bodyStart = -1;
  let prelude = '';
  while (i < css.length) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = skipString(css, i);
      continue;
    }
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
      continue;
    }
    if (c === '{') {
      if (depth === 0) {
        prelude = css.slice(start, i).trim();
        bodyStart = i + 1;
      }
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        out.push({ prelude, body: css.slice(bodyStart, i) });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      const stmt = css.slice(start, i + 1).trim();
      if (stmt) out.push(stmt);
      start = i + 1;
    }
    i++;
  }
  const rest = css.slice(start).trim();
  if (rest && !rest.startsWith('/*')) out.push(rest);
  return out;
}

function skipString(css: string, i: number): number {
  const q = css[i];
  let j = i + 1;
  while (j < css.length && css[j] !== q) j += css[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Splits a selector list on its top-level commas (not inside (…), […] or strings). */
export function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '"' || c === "'") {
      i = skipString(list, i) - 1;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/** Removes the arguments of functional pseudo-classes (:not(.x) matches without .x; :is(.a,.b) with either). */
function withoutPseudoArgs(selector: string): string {
  let out = '';
  let depth = 0;
  for (const c of selector) {
    if (c === '(') depth++;
    if (depth === 0) out += c;
    if (c === ')') depth--;
  }
  return out;
}

const DSFR_CLASS = /\.(fr-[A-Za-z0-9_-]+)/g;
const DROPPED_THEME = /data-fr-theme=["']?(dark|system)/;

/** Whether a selector can match in the app. */
export function selectorUsed(selector: string, used: ReadonlySet<string>): boolean {
  if (DROPPED_THEME.test(selector)) return false;
  for (const m of withoutPseudoArgs(selector).matchAll(DSFR_CLASS)) if (!used.has(m[1])) return false;
  return true;
}

const NESTING_AT_RULES = /^@(media|supports|layer|container|document)\b/i;

/** The purged CSS. `used`: the DSFR class names found in the app's built code. */
export function purgeCss(css: string, used: ReadonlySet<string>): string {
  let out = '';
  for (const node of topLevel(css)) {
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    const { prelude, body } = node;
    if (prelude.startsWith('@')) {
      if (/-ms-high-contrast/.test(prelude)) continue;
      if (NESTING_AT_RULES.test(prelude)) {
        const inner = purgeCss(body, used);
        if (inner.trim()) out += `${prelude}{${inner}}`;
      } else out += `${prelude}{${body}}`; // @font-face, @keyframes, @page…
      continue;
    }
    const kept = splitSelectors(prelude).filter((s) => selectorUsed(s, used));
    if (kept.length) out += `${kept.join(',')}{${body}}`;
  }
  return out;
}

/** DSFR class names (`fr-…`) mentioned in some code: class attributes, strings, templates. */
export function dsfrClassesIn(code: string): Set<string> {
  return new Set(code.match(/fr-[A-Za-z0-9_-]+/g) ?? []);
}

const FONT_FACE = /@font-face\s*\{[^}]*\}/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Drops the @font-face rules of `css` whose family nothing else names: `context` (every stylesheet
 * and script of the build) outside @font-face rules. After the purge, the DSFR's Spectral (only its
 * « display » titles used it) would otherwise still ship two fonts that nothing draws with.
 */
export function dropUnusedFontFaces(css: string, context: string): string {
  const rest = context.replace(FONT_FACE, '');
  return css.replace(FONT_FACE, (rule) => {
    const family = /font-family\s*:\s*(["']?)([^;"'}]+)\1/i.exec(rule)?.[2].trim();
    if (!family) return rule;
    return new RegExp(`(?<![\\w-])${escapeRe(family)}(?![\\w-])`).test(rest) ? rule : '';
  });
}
