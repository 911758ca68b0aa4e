// Reference for the bench's equality check: aggregate() as it was before its typed-array rewrite
// (per-territory Acc objects, Sets of company keys). The bench checks that the current
// aggregate() gives the very same result (JSON-equal) on the 100k-row import. Not used by the app.
//
// Aggregation of a dataset over every territory level. Pure group-by on the codes already
// stored on each row: no geometry here (locating is the SpatialLocator's job).
//
// Conventions:
// - `companies` counts distinct companies: rows sharing a SIRET count once; rows without a
//   SIRET count once each (keyed by their id).
// - `jobs` uses jobsOf() (achieved, else planned, else 0).
// - Every territory of the index appears, with zeros when it got nothing (gap analysis).
//   Codes absent from the index (e.g. a commune outside 13) still count in `totals` but in no
//   territory.
// - Marseille: a row's commune is 13055; its arrondissement comes from `arrondissementCode`.
//   A communeCode written as an arrondissement code (132xx) is read as 13055 + that
//   arrondissement (layoff files often do this).
// - EPCI and zone d'emploi come from the commune's attributes in the index; rural/urban from
//   `commune.rural`.
// - A layoff counts in its commune, its arrondissement (when known), its EPCI, its zone
//   d'emploi and rural/urban, never in a QPV (layoffs carry no QPV).
// - Populations: commune, arrondissement and EPCI from the index; zone d'emploi = sum of its
//   communes of the index (its dept-13 part); QPV = null (unknown); rural/urban = sum of
//   communes. `jobsPer1000` is null when the population is null or 0; `eurPerJob` is null when
//   there is no job.
// - Shares (0–1) are computed over the whole dataset given (0 when the dataset is empty). The
//   QPV population share is null (QPV population unknown); the rural population share is the
//   rural communes' population over all communes of the index.

import { jobsOf, type Layoff, type Support } from '../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../src/lib/geodata/types.ts';
import type { AggregationResult, TerritoryFigures } from '../src/lib/analysis/types.ts';

const MARSEILLE = '13055';
const ARRONDISSEMENT_RE = /^132(0[1-9]|1[0-6])$/;

class Acc {
  companyKeys = new Set<string>();
  jobs = 0;
  amountEur = 0;
  jobsCut = 0;
  layoffs = 0;
  constructor(public population: number | null) {}

  addSupport(key: string, jobs: number, amount: number): void {
    this.companyKeys.add(key);
    this.jobs += jobs;
    this.amountEur += amount;
  }

  addLayoff(jobsCut: number): void {
    this.jobsCut += jobsCut;
    this.layoffs += 1;
  }

  figures(): TerritoryFigures {
    const pop = this.population;
    return {
      companies: this.companyKeys.size,
      jobs: this.jobs,
      amountEur: this.amountEur,
      population: pop,
      jobsPer1000: pop !== null && pop > 0 ? (this.jobs / pop) * 1000 : null,
      eurPerJob: this.jobs > 0 ? this.amountEur / this.jobs : null,
      jobsCut: this.jobsCut,
      layoffs: this.layoffs,
    };
  }
}

function companyKey(s: Support): string {
  return s.siret ? `siret:${s.siret}` : `id:${s.id}`;
}

function normaliseCodes(communeCode: string | null | undefined, arrondissementCode: string | null | undefined) {
  let commune = communeCode ?? null;
  let arr = arrondissementCode ?? null;
  if (commune && ARRONDISSEMENT_RE.test(commune)) {
    arr = arr ?? commune;
    commune = MARSEILLE;
  }
  if (commune !== MARSEILLE) arr = null;
  return { commune, arr };
}

function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function toRecord(m: Map<string, Acc>): Record<string, TerritoryFigures> {
  const out: Record<string, TerritoryFigures> = {};
  for (const [code, acc] of m) out[code] = acc.figures();
  return out;
}

export function aggregateReference(supports: readonly Support[], layoffs: readonly Layoff[], index: TerritoriesIndex): AggregationResult {
  const communeInfo = new Map(index.communes.map((c) => [c.code, c]));

  const byCommune = new Map<string, Acc>();
  for (const c of index.communes) byCommune.set(c.code, new Acc(c.population));
  const byArr = new Map<string, Acc>();
  for (const a of index.arrondissements) byArr.set(a.code, new Acc(a.population));
  const byQpv = new Map<string, Acc>();
  for (const q of index.qpv) byQpv.set(q.code, new Acc(null));
  const byEpci = new Map<string, Acc>();
  for (const e of index.epci) byEpci.set(e.code, new Acc(e.population));
  const zePop = new Map<string, number>();
  for (const c of index.communes) zePop.set(c.ze, (zePop.get(c.ze) ?? 0) + c.population);
  const byZe = new Map<string, Acc>();
  for (const z of index.zonesEmploi) byZe.set(z.code, new Acc(zePop.get(z.code) ?? null));

  let ruralPop = 0;
  let urbanPop = 0;
  for (const c of index.communes) {
    if (c.rural) ruralPop += c.population;
    else urbanPop += c.population;
  }
  const rural = new Acc(ruralPop);
  const urban = new Acc(urbanPop);
  const total = new Acc(null);
  const inQpv = new Acc(null);

  // Territories of a row, as accumulators (commune, arrondissement, EPCI, ZE, rural/urban).
  const territoriesOf = (communeCode: string | null | undefined, arrondissementCode: string | null | undefined): Acc[] => {
    const { commune, arr } = normaliseCodes(communeCode, arrondissementCode);
    const accs: Acc[] = [];
    if (!commune) return accs;
    const c = byCommune.get(commune);
    if (c) accs.push(c);
    if (arr) {
      const a = byArr.get(arr);
      if (a) accs.push(a);
    }
    const info = communeInfo.get(commune);
    if (info) {
      const e = byEpci.get(info.epci);
      if (e) accs.push(e);
      const z = byZe.get(info.ze);
      if (z) accs.push(z);
      accs.push(info.rural ? rural : urban);
    }
    return accs;
  };

  for (const s of supports) {
    const key = companyKey(s);
    const jobs = jobsOf(s);
    const amount = s.amountEur;
    total.addSupport(key, jobs, amount);
    for (const acc of territoriesOf(s.communeCode, s.arrondissementCode)) acc.addSupport(key, jobs, amount);
    if (s.qpvCode) {
      inQpv.addSupport(key, jobs, amount);
      byQpv.get(s.qpvCode)?.addSupport(key, jobs, amount);
    }
  }

  for (const l of layoffs) {
    total.addLayoff(l.jobsCut);
    for (const acc of territoriesOf(l.communeCode, l.arrondissementCode)) acc.addLayoff(l.jobsCut);
  }

  const t = total.figures();
  const r = rural.figures();
  const q = inQpv.figures();

  return {
    totals: { companies: t.companies, jobs: t.jobs, amountEur: t.amountEur, jobsCut: t.jobsCut, layoffs: t.layoffs },
    byCommune: toRecord(byCommune),
    byArrondissement: toRecord(byArr),
    byQpv: toRecord(byQpv),
    byEpci: toRecord(byEpci),
    byZoneEmploi: toRecord(byZe),
    rural: r,
    urban: urban.figures(),
    shares: {
      qpv: {
        companies: share(q.companies, t.companies),
        jobs: share(q.jobs, t.jobs),
        amountEur: share(q.amountEur, t.amountEur),
        population: null,
      },
      rural: {
        companies: share(r.companies, t.companies),
        jobs: share(r.jobs, t.jobs),
        amountEur: share(r.amountEur, t.amountEur),
        population: share(ruralPop, ruralPop + urbanPop),
      },
    },
  };
}
