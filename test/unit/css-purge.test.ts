import { describe, expect, it } from 'vitest';
import { dsfrClassesIn, purgeCss, selectorUsed, splitSelectors } from '../../build/css-purge.ts';
import { dropWoffFallback } from '../../build/assets.ts';

const used = new Set(['fr-btn', 'fr-btn--sm', 'fr-header']);

describe('DSFR CSS purge', () => {
  it('keeps a selector only when all its DSFR classes are used; other selectors stay', () => {
    expect(selectorUsed('.fr-btn', used)).toBe(true);
    expect(selectorUsed('.fr-btn.fr-btn--lg', used)).toBe(false);
    expect(selectorUsed('.fr-header .fr-btn--sm:before', used)).toBe(true);
    expect(selectorUsed('a[href]', used)).toBe(true);
    expect(selectorUsed('.maplibregl-ctrl button', used)).toBe(true);
    // :not(.unused) still matches: kept.
    expect(selectorUsed('.fr-btn:not(.fr-btn--close)', used)).toBe(true);
    // Dark and system themes need the DSFR JavaScript.
    expect(selectorUsed(':root[data-fr-theme=dark]', used)).toBe(false);
    expect(selectorUsed(':root:where([data-fr-theme="dark"])', used)).toBe(false);
  });

  it('splits selector lists on top-level commas only', () => {
    expect(splitSelectors('.a,.b:is(.c,.d),[x="1,2"]')).toEqual(['.a', '.b:is(.c,.d)', '[x="1,2"]']);
  });

  it('purges inside @media and @supports, drops empty blocks and -ms-high-contrast, keeps @font-face and strings', () => {
    const css =
      '@charset "UTF-8";:root{--x:1}.fr-btn,.fr-tag{color:red}.fr-tag{content:"}{"}' +
      '@media (min-width:62em){.fr-tag{a:b}.fr-header{c:d}}@media (min-width:36em){.fr-tag{a:b}}' +
      '@media screen and (-ms-high-contrast:none){.fr-btn{x:y}}' +
      '@font-face{font-family:Marianne;src:url(a.woff2) format("woff2"),url(a.woff) format("woff")}' +
      '.app{background:url("data:image/svg+xml;charset=utf-8,<svg>}</svg>")}';
    expect(purgeCss(css, used)).toBe(
      '@charset "UTF-8";:root{--x:1}.fr-btn{color:red}@media (min-width:62em){.fr-header{c:d}}' +
        '@font-face{font-family:Marianne;src:url(a.woff2) format("woff2"),url(a.woff) format("woff")}' +
        '.app{background:url("data:image/svg+xml;charset=utf-8,<svg>}</svg>")}',
    );
  });

  it('finds the DSFR classes in built code, and drops the woff fallbacks', () => {
    expect([...dsfrClassesIn('e.className="fr-btn fr-btn--sm";t(n,"fr-btn--secondary",x)')].sort()).toEqual(['fr-btn', 'fr-btn--secondary', 'fr-btn--sm']);
    expect(dropWoffFallback('src:url(/assets/M-1.woff2) format("woff2"),url(/assets/M-2.woff) format("woff")')).toBe('src:url(/assets/M-1.woff2) format("woff2")');
  });
});
