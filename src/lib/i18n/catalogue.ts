// The interface catalogue of the public pages (published site, public mode, embedded view, kiosk):
// every string they show, in French (default) and English. One area per part of the interface,
// one lookup. Commune, EPCI, QPV and fund names are proper nouns, never translated; the internal
// tools (import, gap analysis, annual review, publication) stay in French and say so.

import type { Locale } from '../text/locale.ts';
import { common } from './messages/common.ts';
import { shell } from './messages/shell.ts';
import { profile } from './messages/profile.ts';
import { kiosk } from './messages/kiosk.ts';
import { mapText } from './messages/map.ts';
import { pages } from './messages/pages.ts';

export { LOCALES, DEFAULT_LOCALE, parseLocale, LOCALE_TAGS, type Locale } from '../text/locale.ts';

const AREAS = { common, shell, profile, kiosk, map: mapText, pages };

export type Messages = { readonly [K in keyof typeof AREAS]: (typeof AREAS)[K]['fr'] };

const cache = new Map<Locale, Messages>();

/** Every message of the interface in one language. */
export function messagesFor(locale: Locale): Messages {
  let m = cache.get(locale);
  if (!m) {
    m = Object.fromEntries(Object.entries(AREAS).map(([k, a]) => [k, a[locale]])) as unknown as Messages;
    cache.set(locale, m);
  }
  return m;
}

/** For tests: the areas and their two sides. */
export const CATALOGUE_AREAS = AREAS;

/** Names of the languages, each in its own language (the switch shows the other one). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { fr: 'Français', en: 'English' };
