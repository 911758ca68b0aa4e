// The interface language as rune state. Components read `i18n.t` (messages) and `i18n.n`
// (number formats): both follow `i18n.locale`, so a switch re-renders the text in place (the map
// is not rebuilt). The URL carries it (`lang=en`, routing/params.ts); the kiosk goes back to
// French at each idle reset.

import { DEFAULT_LOCALE, LOCALE_TAGS, messagesFor, type Locale, type Messages } from '../i18n/catalogue.ts';
import { numberFormats, type NumberFormats } from '../text/format.ts';
import { displayValue, isSecret, type MaybeSecret } from '../domain/privacy.ts';

class I18nState {
  locale = $state<Locale>(DEFAULT_LOCALE);
  /** The messages of the current language. */
  get t(): Messages {
    return messagesFor(this.locale);
  }
  /** The number formats of the current language. */
  get n(): NumberFormats {
    return numberFormats(this.locale);
  }
  /** BCP 47 tag of the current language (`lang` attributes, Intl). */
  get tag(): string {
    return LOCALE_TAGS[this.locale];
  }
}

export const i18n = new I18nState();

/** Switches the language and tells assistive technologies (the page's `lang`). */
export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/**
 * A figure on a public page: formatted in the current language (`i18n.n.int` by default), the
 * current language's secret label when it is suppressed, `empty` when there is none.
 */
export function shown(v: MaybeSecret<number | null>, format: (n: number) => string = i18n.n.int, empty = '–'): string {
  return isSecret(v) ? i18n.t.common.secretLabel : displayValue(v, format, empty);
}
