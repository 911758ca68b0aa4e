// Header recognition: case-, accent-, space- and punctuation-insensitive, with French synonyms
// and the SCDL "Subventions" 2.1.1 schema (data.gouv.fr standard for grants).

import type { FundId } from '../domain/types.ts';
import { ImportFatalError } from './errors.ts';
import { looseKey, words } from './text.ts';

export type ColumnField =
  | 'companyName'
  | 'siret'
  | 'naf'
  | 'sizeBand'
  | 'fund'
  | 'fundIssuer'
  | 'amountEur'
  | 'jobsPlanned'
  | 'jobsAchieved'
  | 'date'
  | 'address'
  | 'lon'
  | 'lat'
  | 'x'
  | 'y'
  | 'communeCode'
  | 'communeName'
  | 'postalCode'
  | 'qpv'
  | 'microEntrepreneur'
  | 'cofinancing'
  | 'companyCreated';

/** Column index of each recognised field. */
export type ColumnMapping = Partial<Record<ColumnField, number>>;

/** French labels, used in messages and in the mapping shown to the user. */
export const FIELD_LABELS: Record<ColumnField, string> = {
  companyName: 'Raison sociale',
  siret: 'SIRET',
  naf: 'Code NAF',
  sizeBand: "Tranche d'effectif",
  fund: 'Fonds',
  fundIssuer: 'Attribuant',
  amountEur: 'Montant',
  jobsPlanned: 'Emplois prévus',
  jobsAchieved: 'Emplois créés',
  date: 'Date',
  address: 'Adresse',
  lon: 'Longitude',
  lat: 'Latitude',
  x: 'X',
  y: 'Y',
  communeCode: 'Code INSEE',
  communeName: 'Commune',
  postalCode: 'Code postal',
  qpv: 'QPV',
  microEntrepreneur: 'Micro-entrepreneur',
  cofinancing: 'Cofinancement',
  companyCreated: 'Date de création',
};

/** Exact synonyms (compared with looseKey), best first. */
const SYNONYMS: Record<ColumnField, string[]> = {
  companyName: [
    'raison sociale', 'nomBeneficiaire', 'dénomination', 'dénomination sociale', 'entreprise', 'nom entreprise',
    "nom de l'entreprise", 'société', 'bénéficiaire', 'nom du bénéficiaire', 'entreprise bénéficiaire', 'nom',
  ],
  siret: ['siret', 'idBeneficiaire', 'n° siret', 'numéro siret', 'no siret', 'num siret', 'siret bénéficiaire', 'code siret', 'siret établissement'],
  naf: ['code naf', 'naf', 'code ape', 'ape', 'naf ape', 'code naf ape', 'naf rev2', 'activité naf', 'code activité'],
  sizeBand: [
    'tranche', "tranche d'effectif", "tranche d'effectifs", 'tranche effectif', 'effectif tranche', 'taille',
    "taille d'entreprise", "taille de l'entreprise", "catégorie d'entreprise", 'catégorie entreprise', 'effectif', 'effectifs',
  ],
  fund: ['fonds', 'fond', 'dispositifAide', 'dispositif', 'fonds de revitalisation', 'financeur', 'programme'],
  fundIssuer: ['nomAttribuant', 'attribuant'],
  amountEur: [
    'montant', 'montant (€)', 'montant €', 'montant en euros', 'montant aide', "montant de l'aide", 'montant accordé',
    'montant attribué', 'montant subvention', 'montant du prêt', 'montant prêt', 'aide', 'subvention',
  ],
  jobsPlanned: [
    'emplois prévus', 'emplois prévisionnels', 'engagement emplois', 'engagement emploi', "engagement d'emplois",
    'nb emplois prévus', "nombre d'emplois prévus", 'emplois à créer', 'objectif emplois', 'créations prévues',
  ],
  jobsAchieved: [
    'emplois créés', 'emplois réalisés', 'nb emplois créés', "nombre d'emplois créés", 'créations réalisées',
    'emplois', 'nb emplois', "nombre d'emplois",
  ],
  date: [
    'dateConvention', 'date de signature', 'date signature', 'date convention', 'date de la convention', "date d'attribution",
    'date de décision', 'date comité', 'date', 'année', 'exercice',
  ],
  address: ['adresse', 'adresse postale', 'adresse établissement', "adresse de l'établissement", 'adresse complète', 'adresse du siège'],
  lon: ['longitude', 'lon', 'lng', 'long', 'x wgs84', 'longitude wgs84'],
  lat: ['latitude', 'lat', 'y wgs84', 'latitude wgs84'],
  x: ['x', 'x_l93', 'x l93', 'x lambert 93', 'x lambert93', 'lambert x', 'coord x', 'coordonnée x', 'coordonnées x', 'x2154'],
  y: ['y', 'y_l93', 'y l93', 'y lambert 93', 'y lambert93', 'lambert y', 'coord y', 'coordonnée y', 'coordonnées y', 'y2154'],
  communeCode: ['code insee', 'insee', 'code commune', 'code commune insee', 'codgeo', 'citycode', 'depcom', 'code insee commune', 'com insee'],
  communeName: ['commune', 'ville', 'nom commune', 'nom de la commune', 'libellé commune', 'localité', "commune d'implantation", 'ville établissement'],
  postalCode: ['code postal', 'cp', 'postcode', 'code postal établissement'],
  qpv: ['qpv', 'code qpv', 'quartier prioritaire', 'quartier prioritaire de la politique de la ville', 'code quartier prioritaire', 'qp'],
  microEntrepreneur: ['micro-entrepreneur', 'auto-entrepreneur', 'micro entreprise', 'statut micro-entrepreneur', 'est micro-entrepreneur'],
  // Optional, for the annual review (leverage and company age).
  cofinancing: [
    'cofinancement', 'cofinancement (€)', 'co-financement', 'cofinancements', 'prêts bancaires', 'prêt bancaire',
    'prêts bancaires (€)', 'effet levier', 'financements associés', 'autres financements', 'montant cofinancement',
  ],
  companyCreated: ["date de création", "date de création de l'entreprise", 'date création', 'création', 'dateCreation', 'année de création'],
};

/** SCDL Subventions columns that are understood but not used by the map. */
const SCDL_IGNORED = [
  'idAttribuant', 'referenceDecision', 'objet', 'nature', 'conditionsVersement', 'datesPeriodeVersement', 'idRAE',
  'notificationUE', 'pourcentageSubvention',
].map(looseKey);

/** Fallback rules (prefix / contains) for headers not matched exactly. Order matters. */
const RULES: [ColumnField, (k: string) => boolean][] = [
  ['siret', (k) => k.includes('siret')],
  ['postalCode', (k) => k.includes('codepostal')],
  ['communeCode', (k) => k.includes('insee') || k.includes('codecommune')],
  // Before 'amountEur': « Montant du cofinancement » is not the fund's amount.
  ['cofinancing', (k) => k.includes('cofinanc') || k.includes('pretbancaire') || k.includes('pretsbancaires')],
  ['companyCreated', (k) => (k.startsWith('date') || k.startsWith('annee')) && k.includes('creation') && !k.includes('emploi')],
  ['jobsPlanned', (k) => k.includes('emploi') && /prev|engag|objectif|acreer/.test(k)],
  ['jobsAchieved', (k) => k.includes('emploi') && /cree|real|effectif/.test(k)],
  ['amountEur', (k) => k.startsWith('montant')],
  ['companyName', (k) => k.includes('raisonsociale') || k.startsWith('denomination')],
  ['naf', (k) => k.startsWith('codenaf') || k.startsWith('codeape')],
  ['date', (k) => k.startsWith('datedesignature') || k.startsWith('dateconvention') || k.startsWith('datesignature')],
  ['address', (k) => k.startsWith('adresse')],
  ['microEntrepreneur', (k) => k.includes('microentrepreneur') || k.includes('autoentrepreneur')],
  ['qpv', (k) => k.includes('quartierprioritaire')],
  ['communeName', (k) => k.startsWith('commune') || k.startsWith('ville')],
  ['fund', (k) => k.startsWith('fonds') || k.startsWith('dispositif')],
];

const EXACT = new Map<string, { field: ColumnField; rank: number }>();
for (const [field, list] of Object.entries(SYNONYMS) as [ColumnField, string[]][]) {
  list.forEach((syn, rank) => {
    const k = looseKey(syn);
    if (!EXACT.has(k)) EXACT.set(k, { field, rank });
  });
}

export interface ColumnRecognition {
  headers: string[];
  mapping: ColumnMapping;
  /** Headers of columns not recognised at all (shown to the user). */
  unrecognised: string[];
  /** Recognised but unused columns: SCDL fields the map does not need, second candidates for a field. */
  ignored: string[];
}

/** Recognise the columns of a header row. */
export function recogniseColumns(headers: string[]): ColumnRecognition {
  const best = new Map<ColumnField, { index: number; rank: number }>();
  const candidates: { index: number; field: ColumnField; rank: number }[] = [];
  const unmatched: number[] = [];
  headers.forEach((h, index) => {
    const k = looseKey(h);
    if (!k) return;
    const hit = EXACT.get(k);
    if (hit) candidates.push({ index, field: hit.field, rank: hit.rank });
    else unmatched.push(index);
  });
  const rest: number[] = [];
  for (const index of unmatched) {
    const k = looseKey(headers[index]);
    const rule = RULES.find(([, test]) => test(k));
    if (rule) candidates.push({ index, field: rule[0], rank: 1000 });
    else rest.push(index);
  }
  for (const c of candidates) {
    const cur = best.get(c.field);
    if (!cur || c.rank < cur.rank) best.set(c.field, { index: c.index, rank: c.rank });
  }
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const [field, { index }] of best) {
    mapping[field] = index;
    used.add(index);
  }
  const ignored: string[] = [];
  const unrecognised: string[] = [];
  for (const c of candidates) if (!used.has(c.index)) ignored.push(headers[c.index]);
  for (const index of rest) {
    if (SCDL_IGNORED.includes(looseKey(headers[index]))) ignored.push(headers[index]);
    else unrecognised.push(headers[index]);
  }
  return { headers, mapping, unrecognised, ignored };
}

/** Number of useful fields recognised in a row (used to find the header row under a title). */
function score(row: string[]): number {
  return Object.keys(recogniseColumns(row).mapping).length;
}

/** Index of the header row among the first `maxScan` rows: the one with the most recognised fields. */
export function findHeaderRow(rows: string[][], maxScan = 10): number {
  let bestIndex = 0;
  let bestScore = -1;
  for (let i = 0; i < Math.min(rows.length, maxScan); i++) {
    const s = score(rows[i]);
    if (s > bestScore) {
      bestScore = s;
      bestIndex = i;
    }
  }
  return bestIndex;
}

export function hasLocation(m: ColumnMapping): boolean {
  return (
    (m.lon !== undefined && m.lat !== undefined) ||
    (m.x !== undefined && m.y !== undefined) ||
    m.communeCode !== undefined ||
    m.communeName !== undefined ||
    m.postalCode !== undefined
  );
}

/** Throw the French fatal error when nothing useful is recognised. */
export function assertRecognisable(r: ColumnRecognition): void {
  const m = r.mapping;
  const identity = m.companyName !== undefined || m.siret !== undefined;
  if (!identity && m.amountEur === undefined && !hasLocation(m)) {
    const shown = r.headers.filter((h) => h.trim() !== '').slice(0, 12).join(', ');
    throw new ImportFatalError(
      `Aucune colonne reconnue (raison sociale ou SIRET, montant, localisation). Colonnes lues : ${shown || '(aucune)'}.`,
    );
  }
}

/** Fund from free text: AMPA / amorçage → ampa; Airbus → airbus; Adie / microcrédit → adie. */
export function matchFund(text: string): FundId | null {
  const k = looseKey(text);
  if (!k) return null;
  if (k.includes('airbus')) return 'airbus';
  if (k.includes('adie') || k.includes('microcredit')) return 'adie';
  if (k.includes('ampa') || k.includes('amorcage')) return 'ampa';
  const w = words(text);
  if (w.includes('ampa')) return 'ampa';
  return null;
}
