// The embeddable commune view for town-hall websites: `?mode=integration#/commune/13047` shows the
// commune's figures and map, no header or footer, and a link to the full site. Pure: URLs in, URLs
// and the iframe snippet out (offered under « Partager » on the profile).

import { DEFAULT_LOCALE, type Locale } from '../text/locale.ts';
import { formatParams } from './params.ts';

const EMBED_MODE = 'integration';

/** `?mode=integration` in the page's query string. */
export function isEmbedMode(search: string): boolean {
  if (typeof search !== 'string') return false;
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return q.getAll('mode').some((m) => m.trim().toLowerCase() === EMBED_MODE);
}

/** The address to put in an iframe for a commune's profile, from the page's address (English: `lang=en`, as the router writes it). */
export function embedUrl(pageUrl: string, code: string, locale: Locale = DEFAULT_LOCALE): string {
  const u = new URL(pageUrl);
  u.searchParams.delete('mode');
  u.searchParams.set('mode', EMBED_MODE);
  const query = formatParams({ locale });
  u.hash = `#/commune/${encodeURIComponent(code)}${query ? `?${query}` : ''}`;
  return u.href;
}

/** The same page on the full site (the embedded view's link « Voir sur le site complet »). */
export function fullSiteUrl(pageUrl: string): string {
  const u = new URL(pageUrl);
  const modes = u.searchParams.getAll('mode').filter((m) => m.trim().toLowerCase() !== EMBED_MODE);
  u.searchParams.delete('mode');
  for (const m of modes) u.searchParams.append('mode', m);
  return u.href;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML a town hall pastes in its site (shown as text in a read-only field, never injected). */
export function embedSnippet(src: string, title: string): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="720" style="border:0;max-width:100%" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}
