// French (fr-FR) number formatting, the one place for it: the UI, the exports, the kiosk, the
// indicator registry and the import messages all format through here. Pure, no DOM.

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
