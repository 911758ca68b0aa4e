// The interface languages. French is the language of the State's services and the default;
// English is offered to the public (published site, kiosk). Lowest layer: the number formats
// and the message catalogue both need it.

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/** A language code from a URL or storage; anything else is the default. */
export function parseLocale(raw: string | null | undefined): Locale {
  const s = (raw ?? '').trim().toLowerCase();
  return (LOCALES as readonly string[]).includes(s) ? (s as Locale) : DEFAULT_LOCALE;
}

/** BCP 47 tag for Intl and for the `lang` attribute. */
export const LOCALE_TAGS: Readonly<Record<Locale, string>> = { fr: 'fr-FR', en: 'en-GB' };
