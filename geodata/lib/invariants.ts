// Invariants of the built data. Pure: tests feed broken data and expect errors.

import type {
  ArrondissementProps,
  CommuneProps,
  EpciProps,
  QpvProps,
  ZoneEmploiProps,
} from '../../src/lib/geodata/types.ts';

export const EXPECTED_COUNTS = {
  communes: 119,
  qpv: 71,
  arrondissements: 16,
  epci: 4,
  zonesEmploi: 7,
} as const;

export interface InvariantInput {
  communes: CommuneProps[];
  qpv: QpvProps[];
  arrondissements: ArrondissementProps[];
  epci: (EpciProps & { membres13: string[] })[];
  zonesEmploi: ZoneEmploiProps[];
  /** Codes found in each joined source; each must equal the set of commune codes. */
  sourceCodes?: Record<string, string[]>;
}

export class GeodataInvariantError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Contrôles des données géographiques en échec (${problems.length}) :\n- ${problems.join('\n- ')}`);
    this.name = 'GeodataInvariantError';
    this.problems = problems;
  }
}

const list = (xs: string[], max = 10) => (xs.length > max ? `${xs.slice(0, max).join(', ')}, … (${xs.length})` : xs.join(', '));

function duplicates(xs: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const x of xs) (seen.has(x) ? dup : seen).add(x);
  return [...dup];
}

// Not split: a flat list of independent checks, each with its French message.
/** Returns the list of violated invariants (empty when everything holds). */
export function checkInvariants(d: InvariantInput, expected = EXPECTED_COUNTS): string[] {
  const p: string[] = [];
  const count = (what: string, n: number, exp: number) => {
    if (n !== exp) p.push(`${what} : ${n} au lieu de ${exp} attendu(e)s`);
  };

  // Communes
  count('communes', d.communes.length, expected.communes);
  const codes = d.communes.map((c) => c.code);
  const codeSet = new Set(codes);
  const dupCommunes = duplicates(codes);
  if (dupCommunes.length) p.push(`communes : codes INSEE en double : ${list(dupCommunes)}`);
  const bad13 = codes.filter((c) => !/^13\d{3}$/.test(c));
  if (bad13.length) p.push(`communes : codes hors Bouches-du-Rhône ou mal formés : ${list(bad13)}`);
  for (const c of d.communes) {
    const id = `commune ${c.code || '(sans code)'}`;
    if (!c.nom || !c.nom.trim()) p.push(`${id} : sans nom`);
    if (!(Number.isInteger(c.population) && c.population > 0)) p.push(`${id} : population manquante ou invalide (${c.population})`);
    if (!c.codesPostaux?.length) p.push(`${id} : sans code postal`);
    if (!c.epci || !c.epciNom) p.push(`${id} : sans EPCI`);
    if (!(Number.isInteger(c.densite) && c.densite >= 1 && c.densite <= 7)) p.push(`${id} : niveau de densité invalide (${c.densite})`);
    else if (c.rural !== c.densite >= 5) p.push(`${id} : rural=${c.rural} incohérent avec la densité ${c.densite}`);
    if (!c.densiteLibelle) p.push(`${id} : libellé de densité manquant`);
    if (![0, 1, 4, 5].includes(c.frr)) p.push(`${id} : code FRR invalide (${c.frr})`);
    if (!c.frrLibelle) p.push(`${id} : libellé FRR manquant`);
    if (!/^\d{4}$/.test(c.ze) || !c.zeNom) p.push(`${id} : zone d'emploi manquante (${c.ze})`);
    if (!(Number.isInteger(c.qpvCount) && c.qpvCount >= 0)) p.push(`${id} : qpvCount invalide (${c.qpvCount})`);
  }

  // Every INSEE code joins across all sources
  for (const [source, srcCodes] of Object.entries(d.sourceCodes ?? {})) {
    const s = new Set(srcCodes);
    const missing = codes.filter((c) => !s.has(c));
    const extra = [...s].filter((c) => !codeSet.has(c));
    const dup = duplicates(srcCodes);
    if (missing.length) p.push(`${source} : codes INSEE absents (${missing.length}) : ${list(missing)}`);
    if (extra.length) p.push(`${source} : codes INSEE inconnus des communes (${extra.length}) : ${list(extra)}`);
    if (dup.length) p.push(`${source} : codes INSEE en double : ${list(dup)}`);
  }

  // QPV
  count('QPV', d.qpv.length, expected.qpv);
  const dupQpv = duplicates(d.qpv.map((q) => q.code));
  if (dupQpv.length) p.push(`QPV : codes en double : ${list(dupQpv)}`);
  for (const q of d.qpv) {
    if (!/^QN013\d{2}[A-Z]$/.test(q.code)) p.push(`QPV ${q.code} : code mal formé`);
    if (!q.nom) p.push(`QPV ${q.code} : sans nom`);
    if (!q.communes.length) p.push(`QPV ${q.code} : sans commune`);
    const unknown = q.communes.filter((c) => !codeSet.has(c));
    if (unknown.length) p.push(`QPV ${q.code} : commune(s) inconnue(s) ${list(unknown)}`);
  }
  const qpvLinks = d.qpv.reduce((s, q) => s + new Set(q.communes).size, 0);
  const qpvCountSum = d.communes.reduce((s, c) => s + c.qpvCount, 0);
  if (qpvLinks !== qpvCountSum) p.push(`QPV : somme des qpvCount (${qpvCountSum}) ≠ nombre de liens QPV-commune (${qpvLinks})`);

  // Arrondissements
  count('arrondissements de Marseille', d.arrondissements.length, expected.arrondissements);
  for (const a of d.arrondissements) {
    if (!/^132(0[1-9]|1[0-6])$/.test(a.code)) p.push(`arrondissement ${a.code} : code hors 13201–13216`);
    if (!a.nom || /\s{2}/.test(a.nom)) p.push(`arrondissement ${a.code} : nom manquant ou non normalisé (« ${a.nom} »)`);
    if (!(Number.isInteger(a.population) && a.population > 0)) p.push(`arrondissement ${a.code} : population manquante (${a.population})`);
  }
  const dupArr = duplicates(d.arrondissements.map((a) => a.code));
  if (dupArr.length) p.push(`arrondissements : codes en double : ${list(dupArr)}`);

  // EPCI: exactly 4, partition of the 119 communes
  count('EPCI', d.epci.length, expected.epci);
  const owner = new Map<string, string[]>();
  for (const e of d.epci) {
    if (!e.nom) p.push(`EPCI ${e.code} : sans nom`);
    if (!(Number.isInteger(e.population) && e.population > 0)) p.push(`EPCI ${e.code} : population invalide (${e.population})`);
    for (const m of e.membres13) owner.set(m, [...(owner.get(m) ?? []), e.code]);
  }
  const uncovered = codes.filter((c) => !owner.has(c));
  if (uncovered.length) p.push(`EPCI : communes couvertes par aucun EPCI : ${list(uncovered)}`);
  const multi = [...owner].filter(([, es]) => es.length > 1).map(([c, es]) => `${c} (${es.join('+')})`);
  if (multi.length) p.push(`EPCI : communes dans plusieurs EPCI : ${list(multi)}`);
  for (const c of d.communes) {
    const o = owner.get(c.code);
    if (o && o.length === 1 && o[0] !== c.epci) p.push(`commune ${c.code} : EPCI ${c.epci} ≠ appartenance ${o[0]}`);
  }

  // Zones d'emploi
  count("zones d'emploi", d.zonesEmploi.length, expected.zonesEmploi);
  const zeCodes = new Set(d.zonesEmploi.map((z) => z.code));
  const usedZe = new Set(d.communes.map((c) => c.ze));
  const unknownZe = [...usedZe].filter((z) => z && !zeCodes.has(z));
  if (unknownZe.length) p.push(`zones d'emploi absentes du fichier de chômage : ${list(unknownZe)}`);
  const emptyZe = [...zeCodes].filter((z) => !usedZe.has(z));
  if (emptyZe.length) p.push(`zones d'emploi sans commune : ${list(emptyZe)}`);
  for (const z of d.zonesEmploi) {
    if (!z.nom) p.push(`zone d'emploi ${z.code} : sans nom`);
    if (z.tauxChomage !== null && !(z.tauxChomage >= 0 && z.tauxChomage <= 100)) p.push(`zone d'emploi ${z.code} : taux de chômage invalide`);
  }
  return p;
}

/** Throws a GeodataInvariantError listing every violated invariant. */
export function assertInvariants(d: InvariantInput, expected = EXPECTED_COUNTS): void {
  const problems = checkInvariants(d, expected);
  if (problems.length) throw new GeodataInvariantError(problems);
}
