// Cell value parsing: French numbers, dates, SIRET, NAF, size bands, booleans.
// Every parser returns either a value or a French reason (the caller adds the field label).

import type { SizeBand } from '../domain/types.ts';
import { isValidSiret } from '../domain/siret.ts';
import { excelSerialToIso } from './xlsx.ts';
import { foldAccents, looseKey } from '../text/normalize.ts';
import { quote } from './text.ts';

export type Parsed<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string };

const ok = <T>(value: T, note?: string): Parsed<T> => (note ? { ok: true, value, note } : { ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const SPACES = /[\s\u00a0\u202f\u2007\u2009\u2008\u200a']/g;
const CURRENCY = /(€|eur(os?)?)$/i;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The common number cells, read without allocating: plain digits ("12500"), one decimal comma or
 * point ("12500,5", "43.29577"), French thousands groups ("1 325 000,50", space, no-break or
 * narrow no-break space, decimal comma only). NaN for anything else, including "1.234" (thousands
 * separator or decimal point? parseNumber decides, with a note) and more than 15 digits.
 * The value is digits / 10^decimals: one correctly rounded division of exact integers, so it is
 * the same double as Number("12500.5").
 */
export function parseSimpleNumber(raw: string): number {
  const n = raw.length;
  if (n === 0 || n > 24) return NaN;
  let digits = 0;
  let mantissa = 0;
  let decimals = -1; // -1: no decimal separator yet
  let separator = 0;
  let groupRun = -1; // digits since the last thousands space (-1: no group seen)
  let intDigits = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
      else {
        intDigits++;
        if (groupRun >= 0 && ++groupRun > 3) return NaN;
      }
    } else if ((c === 44 || c === 46) && decimals < 0 && i > 0 && i < n - 1) {
      if (groupRun >= 0 && (groupRun !== 3 || c === 46)) return NaN;
      decimals = 0;
      separator = c;
    } else if ((c === 32 || c === 0xa0 || c === 0x202f) && decimals < 0 && i > 0) {
      // Thousands group: 1 to 3 digits first, then exactly 3 per group.
      if (groupRun < 0 ? intDigits > 3 : groupRun !== 3) return NaN;
      groupRun = 0;
    } else return NaN;
  }
  if (digits > 15 || (groupRun >= 0 && groupRun !== 3 && decimals < 0)) return NaN;
  // "1.234": decimal point or thousands separator? Left to parseNumber (it adds a note).
  if (separator === 46 && decimals === 3 && intDigits <= 3 && raw.charCodeAt(0) !== 48) return NaN;
  return decimals > 0 ? mantissa / POW10[decimals] : mantissa;
}

/**
 * French / international number: "12 500,00 €", "12 500", "1.234,5", "1,234.5", "12500.00",
 * "1 325 000", "1.2E5". Rejects negatives ("montant négatif") and percentages.
 * A single dot followed by exactly three digits ("12.500") is read as a decimal point, with a note.
 */
export function parseNumber(raw: string): Parsed<number> {
  const simple = parseSimpleNumber(raw);
  if (simple === simple) return ok(simple);
  let s = raw.trim();
  if (s === '') return fail('valeur manquante');
  if (s.includes('%')) return fail(`${quote(raw)} est un pourcentage, pas un montant`);
  s = s.replace(SPACES, '');
  s = s.replace(/^(€|eur)/i, '').replace(CURRENCY, '');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('\u2212') || s.endsWith('-') || (s.startsWith('(') && s.endsWith(')'))) {
    negative = true;
    s = s.replace(/^[-\u2212(]|[-)]$/g, '');
  }
  if (s.startsWith('+')) s = s.slice(1);
  if (s === '' || !/^[0-9.,]+([eE][+-]?\d+)?$/.test(s)) return fail(`${quote(raw)} n'est pas un nombre`);
  let note: string | undefined;
  let exp = '';
  const em = /[eE][+-]?\d+$/.exec(s);
  if (em) {
    exp = em[0];
    s = s.slice(0, em.index);
  }
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [intPart, decPart, ...more] = s.split(decimal);
    if (more.length > 0 || decPart.includes(thousands)) return fail(`${quote(raw)} n'est pas un nombre`);
    if (!/^\d{1,3}([.,]\d{3})*$/.test(intPart)) return fail(`${quote(raw)} n'est pas un nombre`);
    normal = intPart.split(thousands).join('') + '.' + decPart;
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    if (parts.length === 2) normal = parts[0] + '.' + parts[1];
    else if (/^\d{1,3}(,\d{3})+$/.test(s)) normal = parts.join('');
    else return fail(`${quote(raw)} n'est pas un nombre`);
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    if (parts.length === 2) {
      normal = s;
      if (parts[1].length === 3 && /^[1-9]\d{0,2}$/.test(parts[0]) && !exp) {
        note = `${quote(raw)} lu comme ${parts[0]},${parts[1]} (point décimal)`;
      }
    } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) normal = parts.join('');
    else return fail(`${quote(raw)} n'est pas un nombre`);
  } else {
    normal = s;
  }
  if (normal.startsWith('.')) normal = '0' + normal;
  if (normal.endsWith('.')) normal = normal.slice(0, -1);
  const v = Number(normal + exp);
  if (!Number.isFinite(v)) return fail(`${quote(raw)} n'est pas un nombre`);
  if (negative && v !== 0) return fail('montant négatif');
  return ok(v, note);
}

/** Amount in euros (≥ 0, rounded to the cent). */
export function parseAmount(raw: string): Parsed<number> {
  const r = parseNumber(raw);
  if (!r.ok) return r;
  return ok(Math.round(r.value * 100) / 100, r.note);
}

/** A count of jobs: a non-negative integer (French formats accepted, "3,0" → 3). */
export function parseJobs(raw: string): Parsed<number> {
  const r = parseNumber(raw);
  if (!r.ok) return r.reason === 'montant négatif' ? fail('nombre négatif') : r;
  if (!Number.isInteger(r.value)) {
    // Full-time equivalents ("2,5 ETP") are rounded, with a note.
    return ok(Math.round(r.value), `${quote(raw)} arrondi à ${Math.round(r.value)}`);
  }
  return ok(r.value);
}

/** Signed decimal number (coordinates): "5,3698", "-0.5", "892 400". */
export function parseCoordinate(raw: string): Parsed<number> {
  const s = raw.trim();
  const neg = s.startsWith('-') || s.startsWith('\u2212');
  const r = parseNumber(neg ? s.slice(1) : s);
  if (!r.ok) return fail(`${quote(raw)} n'est pas une coordonnée`);
  return ok(neg ? -r.value : r.value);
}

export interface ParsedDate {
  iso: string;
  yearOnly: boolean;
}

function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Dates: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, d/m/yy, ISO yyyy-mm-dd (time ignored), yyyy alone,
 * and Excel serial numbers when `excelSerial` is set (XLSX path). Plausible years: 2000..now+1.
 */
export function parseDate(raw: string, opts: { now?: Date; excelSerial?: boolean } = {}): Parsed<ParsedDate> {
  const s = raw.trim();
  if (s === '') return fail('date manquante');
  const maxYear = (opts.now ?? new Date()).getFullYear() + 1;
  const check = (iso: string | null, yearOnly = false): Parsed<ParsedDate> => {
    if (!iso) return fail(`${quote(raw)} n'est pas une date valide`);
    const y = Number(iso.slice(0, 4));
    if (y < 2000 || y > maxYear) return fail(`${quote(raw)} : date hors de la période plausible (2000–${maxYear})`);
    return ok({ iso, yearOnly });
  };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return check(isoOf(+m[1], +m[2], +m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return check(isoOf(y, +m[2], +m[1]));
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return check(isoOf(+m[1], +m[2], +m[3]));
  if (/^\d{4}$/.test(s)) return check(`${s}-01-01`, true);
  if (opts.excelSerial && /^\d{5}(\.\d+)?$/.test(s)) {
    return check(excelSerialToIso(Number(s)));
  }
  return fail(`${quote(raw)} n'est pas une date (format attendu jj/mm/aaaa)`);
}

/** SIRET: separators removed, 14 digits, checksum. A 13-digit value that lost its leading 0 is restored. */
export function parseSiret(raw: string): Parsed<string> {
  if (raw.length === 14 && isValidSiret(raw)) return ok(raw); // the common case: 14 valid digits
  // « 45032466000000.0 »: a SIRET saved as a number by a spreadsheet (its last digits often rounded).
  const asNumber = /^(\d{13,14})\.0+$/.exec(raw.trim());
  if (asNumber) {
    const digits = asNumber[1].padStart(14, '0');
    if (isValidSiret(digits)) return ok(digits, `SIRET ${quote(raw)} enregistré comme nombre par un tableur : lu ${digits}`);
    return fail(`${quote(raw)} : SIRET enregistré comme nombre par un tableur, ses derniers chiffres sont perdus ; saisissez-le comme texte`);
  }
  const s = raw.replace(/[\s\u00a0\u202f.\-]/g, '');
  if (s === '') return fail('SIRET manquant');
  if (/^\d+(,\d+)?[eE]\+?\d+$/.test(s) || /^\d\.\d+[eE]\+?\d+$/.test(raw.trim())) {
    return fail(`${quote(raw)} : SIRET en notation scientifique (tronqué par le tableur), saisissez-le comme texte`);
  }
  if (!/^\d+$/.test(s)) return fail(`${quote(raw)} : un SIRET ne contient que des chiffres`);
  if (s.length === 13 && isValidSiret('0' + s)) return ok('0' + s, `SIRET ${quote(raw)} complété par un 0 initial`);
  if (s.length !== 14) return fail(`${quote(raw)} : un SIRET compte 14 chiffres (${s.length} lus)`);
  if (!isValidSiret(s)) return fail('SIRET invalide (clé de contrôle)');
  return ok(s);
}

const NAF_SECTIONS: [number, number, string][] = [
  [1, 3, 'A'], [5, 9, 'B'], [10, 33, 'C'], [35, 35, 'D'], [36, 39, 'E'], [41, 43, 'F'], [45, 47, 'G'],
  [49, 53, 'H'], [55, 56, 'I'], [58, 63, 'J'], [64, 66, 'K'], [68, 68, 'L'], [69, 75, 'M'], [77, 82, 'N'],
  [84, 84, 'O'], [85, 85, 'P'], [86, 88, 'Q'], [90, 93, 'R'], [94, 96, 'S'], [97, 98, 'T'], [99, 99, 'U'],
];

/** NAF rev. 2 code ("6201Z", "62.01Z", "62.01 z") → { code: "62.01Z", sector: "J" }. */
export function parseNaf(raw: string): Parsed<{ code: string; sector: string }> {
  const s = raw.replace(/[\s.]/g, '').toUpperCase();
  const m = /^(\d{2})(\d{2})([A-Z])$/.exec(s);
  if (!m) return fail(`${quote(raw)} n'est pas un code NAF (ex. 62.01Z)`);
  const div = Number(m[1]);
  const sec = NAF_SECTIONS.find(([a, b]) => div >= a && div <= b);
  if (!sec) return fail(`${quote(raw)} : division NAF ${m[1]} inconnue`);
  return ok({ code: `${m[1]}.${m[2]}${m[3]}`, sector: sec[2] });
}

const INSEE_BANDS: Record<string, SizeBand> = {
  '00': 'micro', '01': 'micro', '02': 'micro', '03': 'micro',
  '11': 'pme', '12': 'pme', '21': 'pme', '22': 'pme', '31': 'pme',
  '32': 'eti', '41': 'eti', '42': 'eti', '51': 'eti',
  '52': 'ge', '53': 'ge',
};

/**
 * Size band from text ("TPE", "micro", "PME", "ETI", "GE", "grande entreprise"), an INSEE
 * "tranche d'effectif" code ("00"–"53"), a range ("10-49") or a headcount. Unknown → null.
 */
export function parseSizeBand(raw: string): SizeBand | null {
  const s = raw.trim();
  if (s === '') return null;
  if (/^\d{2}$/.test(s) && INSEE_BANDS[s]) return INSEE_BANDS[s];
  const k = looseKey(s);
  if (/^(micro|tpe|microentreprise|microentrepreneur|autoentrepreneur|tpemicro)/.test(k)) return 'micro';
  if (/^(pme|petiteetmoyenne|petite|moyenne)/.test(k)) return 'pme';
  if (/^(eti|entreprisedetailleintermediaire|intermediaire)/.test(k)) return 'eti';
  if (/^(ge|grandeentreprise|grande)/.test(k)) return 'ge';
  // A range ("10 à 49", "1 ou 2 salariés": its lower bound) or a headcount ("0 salarié",
  // "250 salariés et plus"), as in INSEE's "tranche d'effectif" labels.
  const f = foldAccents(s);
  const digits =
    /^(?:de\s*)?(\d[\d\s]*?)\s*(?:-|a|ou)\s*\d/.exec(f)?.[1] ??
    /^(\d[\d\s]*?)\s*(?:salaries?|employes?|personnes?|etp)?(?:\s+et\s+plus)?$/.exec(f)?.[1];
  const n = digits !== undefined ? Number(digits.replace(/\s/g, '')) : NaN;
  if (Number.isFinite(n)) {
    if (n < 10) return 'micro';
    if (n < 250) return 'pme';
    if (n < 5000) return 'eti';
    return 'ge';
  }
  if (/^(moinsde10|moinsde11)/.test(k)) return 'micro';
  return null;
}

/** Yes/no cells: oui, o, x, 1, vrai, true, yes → true; non, n, 0, faux, false, no, '' → false. */
export function parseBoolean(raw: string): Parsed<boolean> {
  const k = looseKey(raw);
  if (k === '' || ['non', 'n', '0', 'faux', 'false', 'no'].includes(k)) return ok(false);
  if (['oui', 'o', 'x', '1', 'vrai', 'true', 'yes', 'y'].includes(k)) return ok(true);
  if (k.includes('microentrepreneur') || k.includes('autoentrepreneur')) return ok(true);
  return fail(`${quote(raw)} : répondez oui ou non`);
}
