// Optional columns of the annual review in the demo dataset (co-financing, creation date), drawn
// from their own seeded stream so that every other value stays identical.

import type { FundId, Support } from '../../src/lib/domain/types.ts';
import { int, mulberry32 } from './random.ts';

/** Seed offset of the review columns' own stream (co-financing, creation date). */
const REVIEW_STREAM = 0x5eed14;

/**
 * Optional columns of the annual review, drawn from their OWN stream (seed + REVIEW_STREAM), in
 * id order, after everything else: adding them changed no existing value. About one row in ten
 * leaves each unknown, so that « where known » shows.
 * - co-financing (bank loans, other funding): AMPA seed rounds 1–4 × the fund's amount, Airbus
 *   loans 0.5–3 ×, ADIE microcredits 0–1.5 × (often a prêt d'honneur, sometimes nothing);
 * - creation date: AMPA start-ups 0–4 years before the support, Airbus suppliers 3–40 years,
 *   ADIE micro-entrepreneurs 0–1 year (most create their business with the microcredit).
 */
export function addReviewColumns(supports: Support[], seed: number): void {
  const rng = mulberry32((seed + REVIEW_STREAM) >>> 0);
  const ratio: Record<FundId, [number, number]> = { ampa: [1, 4], airbus: [0.5, 3], adie: [0, 1.5] };
  const ageYears: Record<FundId, [number, number]> = { ampa: [0, 4], airbus: [3, 40], adie: [0, 1] };
  for (const s of supports) {
    const [lo, hi] = ratio[s.fund];
    const step = s.fund === 'adie' ? 100 : 1000;
    const r = rng();
    s.cofinancingEur = rng() < 0.1 ? null : Math.round((s.amountEur * (lo + r * (hi - lo))) / step) * step;
    const [alo, ahi] = ageYears[s.fund];
    const unknown = rng() < 0.1;
    const age = int(rng, alo, ahi);
    const year = Number(s.date.slice(0, 4)) - age;
    const month = int(rng, 1, 12);
    const day = int(rng, 1, 28);
    let created = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (created > s.date) created = s.date; // never created after the support
    s.companyCreated = unknown ? null : created;
  }
}
