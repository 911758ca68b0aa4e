// Optional columns used by the annual review (never blocking): co-financing mobilised beside the
// fund (« Cofinancement », « Prêts bancaires ») and the company's creation date. Kept apart from
// the pipeline so that the row reader only has to call readOptionalFields().

import type { Support } from '../domain/types.ts';
import { parseAmount, parseSimpleNumber } from './values.ts';
import { quote } from './text.ts';

export interface OptionalCells {
  cofinancing: string;
  companyCreated: string;
}

export interface OptionalFields {
  cofinancingEur?: number | null;
  companyCreated?: string | null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validIso(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * A creation date: dd/mm/yyyy, yyyy-mm-dd or a year alone (→ yyyy-01-01), 1800 to `maxYear`.
 * Companies can be much older than the funds, so the import's 2000+ plausibility rule does not apply.
 */
export function parseCreationDate(raw: string, maxYear: number): string | null {
  const s = raw.trim();
  let iso: string | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m) iso = validIso(+m[1], +m[2], +m[3]);
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) iso = validIso(+m[3], +m[2], +m[1]);
  else if (/^\d{4}$/.test(s)) iso = `${s}-01-01`;
  if (!iso) return null;
  const y = Number(iso.slice(0, 4));
  return y >= 1800 && y <= maxYear ? iso : null;
}

/** The optional fields of one row; unreadable values are warned about (field named) and left out. */
export function readOptionalFields(cells: OptionalCells, warn: (field: string, message: string) => void, now: Date = new Date()): OptionalFields {
  const out: OptionalFields = {};
  if (cells.cofinancing) {
    const simple = parseSimpleNumber(cells.cofinancing);
    if (simple === simple && simple >= 0) out.cofinancingEur = Math.round(simple * 100) / 100;
    else {
      const r = parseAmount(cells.cofinancing);
      if (r.ok) out.cofinancingEur = r.value;
      else warn('Cofinancement', `${r.reason} : ignoré`);
    }
  }
  if (cells.companyCreated) {
    const iso = parseCreationDate(cells.companyCreated, now.getFullYear());
    if (iso) out.companyCreated = iso;
    else warn('Date de création', `${quote(cells.companyCreated)} n'est pas une date de création lisible : ignorée`);
  }
  return out;
}

/** Copies the optional fields onto the support (only those present). */
export function applyOptionalFields(s: Support, f: OptionalFields): void {
  if (f.cofinancingEur !== undefined) s.cofinancingEur = f.cofinancingEur;
  if (f.companyCreated !== undefined) s.companyCreated = f.companyCreated;
}
