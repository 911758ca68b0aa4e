// French number formatting shared by the UI and exports.

const intFmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const dec1Fmt = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const eurFmt = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export const formatInt = (n: number) => intFmt.format(n);
export const formatDec1 = (n: number) => dec1Fmt.format(n);
export const formatEur = (n: number) => eurFmt.format(n);
export const formatPercent = (share: number) => `${dec1Fmt.format(share * 100)} %`;
export const orDash = <T,>(v: T | null | undefined, f: (v: T) => string) => (v === null || v === undefined ? '–' : f(v));
