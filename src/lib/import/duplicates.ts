// Duplicate rows within a file: an exact duplicate (same SIRET, date, amount and fund) is rejected,
// the same SIRET with other values is kept with a warning, rows without SIRET that look alike
// are kept with a warning. The first row of each SIRET is remembered as its Support: no extra
// object per row.

import type { FundId, Support } from '../domain/types.ts';
import { formatFr } from '../text/format.ts';
import { looseKey } from '../text/normalize.ts';

export type DuplicateVerdict = { kind: 'none' } | { kind: 'reject'; message: string } | { kind: 'warn'; field: string; message: string };

const NONE: DuplicateVerdict = { kind: 'none' };

/** Same SIRET, date, amount and fund: an exact duplicate. */
function exactKey(date: string, amount: number, fund: FundId): string {
  return `${date}|${amount}|${fund}`;
}

export class DuplicateTracker {
  /** First kept row of each SIRET. */
  private readonly seenSiret = new Map<string, Support>();
  /** SIRETs seen more than once: exactKey → id of every kept row of that SIRET. */
  private readonly exactBySiret = new Map<string, Map<string, string>>();
  private readonly seenName = new Map<string, string>();

  /** `ref(id)`: how a message names another row (« la ligne 2 », « l'élément 2 »). */
  constructor(private readonly ref: (id: string) => string) {}

  check(s: Support): DuplicateVerdict {
    if (s.siret) {
      const first = this.seenSiret.get(s.siret);
      if (!first) {
        this.seenSiret.set(s.siret, s);
        return NONE;
      }
      // Exact-duplicate keys only for SIRETs seen more than once (most rows never build one).
      let exact = this.exactBySiret.get(s.siret);
      if (!exact) this.exactBySiret.set(s.siret, (exact = new Map([[exactKey(first.date, first.amountEur, first.fund), first.id]])));
      const key = exactKey(s.date, s.amountEur, s.fund);
      const dup = exact.get(key);
      if (dup !== undefined) return { kind: 'reject', message: `doublon de ${this.ref(dup)} (même SIRET, date, montant et fonds)` };
      exact.set(key, s.id);
      const detail =
        first.amountEur !== s.amountEur
          ? `avec un montant différent (${formatFr(first.amountEur)} € puis ${formatFr(s.amountEur)} €)`
          : '(date ou fonds différents)';
      return { kind: 'warn', field: 'SIRET', message: `même SIRET que ${this.ref(first.id)} ${detail} : les deux lignes sont conservées` };
    }
    const key = `${looseKey(s.companyName)}|${s.communeCode}|${s.date}|${s.amountEur}|${s.fund}`;
    const first = this.seenName.get(key);
    if (first !== undefined) return { kind: 'warn', field: 'Raison sociale', message: `doublon probable de ${this.ref(first)} (sans SIRET) : conservé` };
    this.seenName.set(key, s.id);
    return NONE;
  }
}
