// Number formatting, the one place for it: the UI, the exports, the kiosk, the indicator registry
// and the import messages all format through here. The plain exports are French (fr-FR: exports,
// import messages, CLI, the internal pages); `numberFormats(locale)` gives the same set for the
// language of the public pages. Pure, no DOM.

import { LOCALE_TAGS, type Locale } from './locale.ts';

const intFmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const dec1Fmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const eurFmt = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const pctWholeFmt = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const upToFmts = new Map<number, Intl.NumberFormat>();

export const formatInt = (n: number) => intFmt.format(n);
export const formatDec1 = (n: number) => dec1Fmt.format(n);
export const formatEur = (n: number) => eurFmt.format(n);
/** A share (0–1) as "12,3 %". */
export const formatPercent = (share: number) => `${dec1Fmt.format(share * 100)} %`;
/** A share (0–1) as a whole percentage, "12 %". */
export const formatPercentWhole = (share: number) => pctWholeFmt.format(share);
/** At most `digits` decimals, none written when not needed ("2", "2,5"). */
export function formatUpTo(n: number, digits: number): string {
  let f = upToFmts.get(digits);
  if (!f) upToFmts.set(digits, (f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits })));
  return f.format(n);
}
/** Euros for narrow tables: "84 500 €", "845 k€", "1,29 M€". */
export function formatEurShort(n: number): string {
  if (Math.abs(n) >= 1e6) return `${formatUpTo(n / 1e6, 2)}\u00a0M€`;
  if (Math.abs(n) >= 1e5) return `${formatUpTo(n / 1e3, 0)}\u00a0k€`;
  return `${formatUpTo(n, 0)}\u00a0€`;
}
export const orDash = <T,>(v: T | null | undefined, f: (v: T) => string) => (v === null || v === undefined ? '–' : f(v));

/**
 * French number formatting for import messages and the CLI, without Intl (works whatever the
 * runtime's locale data): narrow no-break space between thousands, decimal comma.
 */
export function formatFr(n: number, decimals = 0): string {
  const fixed = n.toFixed(decimals);
  const [int, dec] = fixed.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return (neg ? '-' : '') + grouped + (dec ? ',' + dec : '');
}

/** The formatters of one interface language (public pages): same shapes as the French exports. */
export interface NumberFormats {
  int: (n: number) => string;
  dec1: (n: number) => string;
  eur: (n: number) => string;
  /** Euros with one decimal: "2,5 €" / "€2.5". */
  eurDec1: (n: number) => string;
  /** A share (0–1) with one decimal: "12,3 %" / "12.3%". */
  percent: (share: number) => string;
  percentWhole: (share: number) => string;
  upTo: (n: number, digits: number) => string;
  eurShort: (n: number) => string;
}

const FRENCH: NumberFormats = {
  int: formatInt,
  dec1: formatDec1,
  eur: formatEur,
  eurDec1: (n) => `${formatDec1(n)} €`,
  percent: formatPercent,
  percentWhole: formatPercentWhole,
  upTo: formatUpTo,
  eurShort: formatEurShort,
};
const byLocale = new Map<Locale, NumberFormats>([['fr', FRENCH]]);

export function numberFormats(locale: Locale): NumberFormats {
  let f = byLocale.get(locale);
  if (f) return f;
  const tag = LOCALE_TAGS[locale];
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const dec1 = new Intl.NumberFormat(tag, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const eur = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const pct1 = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const pct0 = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const upToByDigits = new Map<number, Intl.NumberFormat>();
  const upTo = (n: number, digits: number) => {
    let u = upToByDigits.get(digits);
    if (!u) upToByDigits.set(digits, (u = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
    return u.format(n);
  };
  f = {
    int: (n) => int.format(n),
    dec1: (n) => dec1.format(n),
    eur: (n) => eur.format(n),
    eurDec1: (n) => `€${dec1.format(n)}`,
    percent: (s) => pct1.format(s),
    percentWhole: (s) => pct0.format(s),
    upTo,
    eurShort: (n) => (Math.abs(n) >= 1e6 ? `€${upTo(n / 1e6, 2)}m` : Math.abs(n) >= 1e5 ? `€${upTo(n / 1e3, 0)}k` : `€${upTo(n, 0)}`),
  };
  byLocale.set(locale, f);
  return f;
}
