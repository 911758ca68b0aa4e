// aggregate() (typed arrays, the app's) against its reference (bench/aggregate-reference.ts: the
// straightforward Map/Set version it replaced): JSON-equal on the demo dataset and on seeded
// random rows that exercise every rule (shared SIRETs, no SIRET, arrondissement-coded communes,
// Marseille without arrondissement, codes outside the index, QPV, layoffs).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/lib/analysis/aggregate.ts';
import type { Dataset, FundId, Layoff, Support } from '../../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../../src/lib/geodata/types.ts';
import { aggregateReference } from '../../bench/aggregate-reference.ts';
import { prng } from '../../bench/data.ts';

const root = join(import.meta.dirname, '..', '..');
const index = JSON.parse(readFileSync(join(root, 'public/data/territoires.json'), 'utf8')) as TerritoriesIndex;
const demo = JSON.parse(readFileSync(join(root, 'src/data/demo-dataset.json'), 'utf8')) as Dataset;

function randomRows(n: number, seed: number): { supports: Support[]; layoffs: Layoff[] } {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const communes = index.communes.map((c) => c.code);
  const arrs = index.arrondissements.map((a) => a.code);
  const qpvs = index.qpv.map((q) => q.code);
  const funds: FundId[] = ['ampa', 'airbus', 'adie'];
  const sirets = Array.from({ length: Math.ceil(n / 3) }, (_, i) => `99999${String(i).padStart(9, '0')}`);
  const place = () => {
    const r = rnd();
    if (r < 0.15) return { communeCode: '13055', arrondissementCode: pick(arrs) };
    if (r < 0.2) return { communeCode: '13055', arrondissementCode: null };
    if (r < 0.25) return { communeCode: pick(arrs), arrondissementCode: null }; // written as 132xx
    if (r < 0.28) return { communeCode: '84007', arrondissementCode: null }; // outside the index
    return { communeCode: pick(communes), arrondissementCode: null };
  };
  const supports: Support[] = Array.from({ length: n }, (_, i) => {
    const jobs = Math.floor(rnd() * 12);
    return {
      id: `s${i}`,
      companyName: `E${i}`,
      siret: rnd() < 0.1 ? null : pick(sirets),
      naf: null,
      sector: null,
      sizeBand: 'pme',
      fund: pick(funds),
      amountEur: Math.round(rnd() * 50_000),
      jobsPlanned: rnd() < 0.3 ? null : jobs + 1,
      jobsAchieved: rnd() < 0.4 ? null : jobs,
      date: `${2019 + Math.floor(rnd() * 5)}-06-01`,
      address: null,
      location: [5.4, 43.3],
      precision: 'commune',
      ...place(),
      qpvCode: rnd() < 0.2 ? pick(qpvs) : null,
      qpvSource: null,
      isMicroEntrepreneur: rnd() < 0.1,
    };
  });
  const layoffs: Layoff[] = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({
    id: `l${i}`,
    employer: `L${i}`,
    siret: null,
    location: [5.4, 43.3],
    precision: 'commune',
    date: '2020-01-01',
    jobsCut: Math.floor(rnd() * 300),
    ...place(),
  }));
  return { supports, layoffs };
}

describe('aggregate() against its reference implementation', () => {
  it('gives the very same result on the demo dataset', () => {
    expect(JSON.stringify(aggregate(demo.supports, demo.layoffs, index))).toBe(JSON.stringify(aggregateReference(demo.supports, demo.layoffs, index)));
  });

  it('gives the very same result on seeded random rows covering every rule', () => {
    for (const [n, seed] of [[0, 1], [50, 2], [3_000, 3]] as const) {
      const { supports, layoffs } = randomRows(n, seed);
      expect(JSON.stringify(aggregate(supports, layoffs, index)), `n=${n}`).toBe(JSON.stringify(aggregateReference(supports, layoffs, index)));
    }
  });

  it('would notice a difference (the comparison is not vacuous)', () => {
    const { supports, layoffs } = randomRows(200, 4);
    const a = aggregate(supports, layoffs, index);
    const b = aggregateReference(supports.slice(1), layoffs, index);
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });
});
