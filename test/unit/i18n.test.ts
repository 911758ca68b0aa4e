// The interface catalogue (src/lib/i18n): both languages complete, number formats per language,
// and the public pages' components write no interface text outside the catalogue.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_AREAS, messagesFor, parseLocale } from '../../src/lib/i18n/catalogue.ts';
import { formatEur, numberFormats } from '../../src/lib/text/format.ts';
import { formatParams, parseParams } from '../../src/lib/routing/params.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('catalogue', () => {
  for (const [name, a] of Object.entries(CATALOGUE_AREAS)) {
    it(`area « ${name} »: English has the French keys, shapes and arities, and no empty text`, () => {
      const fr = a.fr as Record<string, unknown>;
      const en = a.en as Record<string, unknown>;
      expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
      for (const k of Object.keys(fr)) {
        expect(typeof en[k], k).toBe(typeof fr[k]);
        if (typeof fr[k] === 'function') expect((en[k] as () => string).length, k).toBe((fr[k] as () => string).length);
        if (typeof fr[k] === 'string') {
          expect((fr[k] as string).trim(), k).not.toBe('');
          expect((en[k] as string).trim(), k).not.toBe('');
        }
      }
    });
  }

  it('gives each language its own text', () => {
    expect(messagesFor('fr').common.jobsCreated).toBe('Emplois créés');
    expect(messagesFor('en').common.jobsCreated).toBe('Jobs created');
  });

  it('reads the language from a URL, French otherwise', () => {
    expect(parseLocale('EN')).toBe('en');
    expect(parseLocale('de')).toBe('fr');
    expect(parseLocale(null)).toBe('fr');
    expect(parseParams('lang=en').locale).toBe('en');
    expect(parseParams('lang=xx').locale).toBeUndefined();
    // French is the default: not written, so French links stay as they were.
    expect(formatParams({ locale: 'fr' })).toBe('');
    expect(formatParams({ locale: 'en' })).toBe('lang=en');
  });
});

describe('number formats per language', () => {
  it('French is the plain exports; English groups with commas and puts the euro first', () => {
    const fr = numberFormats('fr');
    expect(fr.eur(1325000)).toBe(formatEur(1325000));
    expect(fr.int(1100)).toBe('1\u202f100');
    const en = numberFormats('en');
    expect(en.int(1100)).toBe('1,100');
    expect(en.eur(1325000)).toBe('€1,325,000');
    expect(en.percent(0.123)).toBe('12.3%');
    expect(en.dec1(2.25)).toMatch(/^2\.[23]$/);
    expect(en.eurShort(1_290_000)).toBe('€1.29m');
  });
});

// ---------------------------------------------------------------------------------------------
// No interface text outside the catalogue in the public pages' components.

/** The components of the public pages (published site, public mode, embedded view, kiosk). */
export const TRANSLATED_FILES: readonly string[] = [
  // map: legend, layer switcher, choropleth controls, the map's accessible text
  'src/lib/ui/Legend.svelte',
  'src/lib/ui/LayerSwitcher.svelte',
  'src/lib/ui/ChoroplethControls.svelte',
  'src/lib/views/MapView.svelte',
  // pages: method page, accessibility statement, the French-only notice of the internal tools
  'src/lib/views/MethodPage.svelte',
  'src/lib/views/method/MethodContent.svelte',
  'src/lib/views/AccessibilityStatement.svelte',
  'src/lib/ui/FrenchOnly.svelte',
  // Kiosk (`?mode=kiosque`).
  'src/lib/views/KioskApp.svelte',
  'src/lib/views/kiosk/AttractCard.svelte',
  'src/lib/views/kiosk/CommuneCard.svelte',
  'src/lib/views/kiosk/CommunePicker.svelte',
  'src/lib/views/kiosk/Countdown.svelte',
  'src/lib/views/kiosk/KioskHeader.svelte',
  'src/lib/views/kiosk/KioskLegend.svelte',
  'src/lib/views/kiosk/KioskMap.svelte',
  'src/lib/views/kiosk/LanguageSwitch.svelte',
  'src/lib/views/kiosk/StoryContent.svelte',
  'src/lib/views/kiosk/TimelineStory.svelte',
  // Shell and map home (published site, public mode, embedded view's bar).
  'src/App.svelte',
  'src/lib/ui/AppHeader.svelte',
  'src/lib/ui/AppFooter.svelte',
  'src/lib/ui/DatasetNotes.svelte',
  'src/lib/views/MapHomePanel.svelte',
  'src/lib/ui/CommunesTable.svelte',
  'src/lib/ui/SourcesDialog.svelte',
  'src/lib/ui/PublishedBreakdown.svelte',
  'src/lib/ui/Filters.svelte',
  'src/lib/ui/Breakdowns.svelte',
  'src/lib/ui/YearSlider.svelte',
  'src/lib/ui/CommuneSearch.svelte',
  // profile area: the commune profile, its printed sheet, the comparison page, the map's key figures and cards
  'src/lib/views/CommuneProfile.svelte',
  'src/lib/views/profile/ComparisonTable.svelte',
  'src/lib/views/profile/ContextSection.svelte',
  'src/lib/views/profile/PrintMap.svelte',
  'src/lib/views/profile/ProfileActions.svelte',
  'src/lib/views/profile/SimilarTable.svelte',
  'src/lib/views/profile/SupportsList.svelte',
  'src/lib/views/profile/YearChart.svelte',
  'src/lib/views/ComparePanel.svelte',
  'src/lib/ui/KeyFigures.svelte',
  'src/lib/ui/SupportDetails.svelte',
  'src/lib/ui/InfoCard.svelte',
];

/** Text of a Svelte file with its script, style, comments and `{…}` expressions removed. */
function markupOnly(source: string): string {
  const s = source.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  let out = '';
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (depth === 0) {
      if (c === '{') depth = 1;
      else out += c;
      continue;
    }
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return out;
}

/** Letters that are not a proper interface word: symbols, units and codes. */
const ALLOWED_WORDS = new Set(['FR', 'EN', 'x']);

/** Interface text written in a component's markup: text nodes and text attributes. */
export function literalText(source: string): string[] {
  const markup = markupOnly(source);
  const found: string[] = [];
  for (const m of markup.matchAll(/\s(aria-label|aria-description|title|placeholder|alt|label)="([^"]*)"/g)) {
    if (/\p{L}{2,}/u.test(m[2])) found.push(`${m[1]}="${m[2]}"`);
  }
  const text = markup.replace(/<[^>]*>/g, '\n');
  for (const line of text.split('\n')) {
    const words = line.match(/\p{L}+/gu)?.filter((w) => !ALLOWED_WORDS.has(w)) ?? [];
    if (words.length > 0) found.push(line.trim());
  }
  return found;
}

/** String literals of the script that read as French interface text. */
export function scriptText(source: string): string[] {
  const scripts = [...source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  const code = scripts.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  for (const m of code.matchAll(/'([^'\n]*)'|`([^`]*)`|"([^"\n]*)"/g)) {
    const lit = m[1] ?? m[2] ?? m[3];
    if (/[À-ÿ’«»]/.test(lit) || /^[A-ZÀ-Ý][a-zà-ÿ]+ [a-zà-ÿ]+/.test(lit)) found.push(lit);
  }
  return found;
}

describe('public pages write their text through the catalogue', () => {
  it('the scanner finds text nodes, text attributes and French literals, and skips expressions', () => {
    const sample = `<script>const a = 'Emplois créés'; const id = 'fr-btn fr-btn--sm';</script>
<p>{t.common.jobsCreated}</p><p title="Fermer">{x ? 'a' : 'b'}</p>
<span>Montant</span><button aria-label={t.common.close}>×</button>`;
    expect(literalText(sample)).toEqual(['title="Fermer"', 'Montant']);
    expect(scriptText(sample)).toEqual(['Emplois créés']);
  });

  it.each(TRANSLATED_FILES)('%s', (file) => {
    const source = readFileSync(resolve(ROOT, file), 'utf8');
    expect([...literalText(source), ...scriptText(source)]).toEqual([]);
    expect(source, 'reads the catalogue').toMatch(/i18n\.svelte\.ts/);
  });
});
