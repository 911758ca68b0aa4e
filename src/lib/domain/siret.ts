// SIREN / SIRET checksum validation (pure, no dependencies).
//
// - SIREN: 9 digits, Luhn checksum.
// - SIRET: 14 digits (SIREN + 5-digit NIC), Luhn checksum over the 14 digits,
//   except for La Poste (SIREN 356000000): its establishments are numbered so that
//   the sum of the 14 digits is a multiple of 5. The head office 356 000 000 00048
//   keeps the ordinary Luhn rule (it is Luhn-valid, its digit sum is not a multiple of 5).
//
// Callers pass digits only: strip spaces, dots and dashes first with `normalizeSiret`.

const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

/** Luhn checksum over a string of digits (any length). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digit that, appended to `body`, makes the whole string Luhn-valid. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(body + d)) return String(d);
  }
  throw new Error(`not a digit string: ${body}`);
}

/** Removes the separators people type in identifiers (spaces, no-break spaces, dots, dashes). */
export function normalizeSiret(s: string): string {
  return s.replace(/[\s\u00a0\u202f.\-]/g, '');
}

/** 14 digits, Luhn-valid (or, for La Poste's establishments, digit sum multiple of 5). */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN) && s !== LA_POSTE_HEAD_OFFICE) {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += s.charCodeAt(i) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(s);
}

