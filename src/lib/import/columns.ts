// Header recognition: case-, accent-, space- and punctuation-insensitive, with French synonyms,
// the SCDL "Subventions" 2.1.1 schema (data.gouv.fr standard for grants: short names and the long
// titles real exports use) and the older Etalab 2017 grant format (COLL_*, ATTRIB_*, SUB_*).
// The company is the grant's BENEFICIARY: the grant-giver's columns (idAttribuant, COLL_SIRET…)
// are recognised as such and never read as the company's.

import type { FundId } from '../domain/types.ts';
import { ImportFatalError } from './errors.ts';
import { looseKey, words } from '../text/normalize.ts';
import { quote } from './text.ts';

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
  | 'publishable'
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
  publishable: 'Diffusion',
  cofinancing: 'Cofinancement',
  companyCreated: 'Date de création',
};

/** Exact synonyms (compared with looseKey), best first. */
const SYNONYMS: Record<ColumnField, string[]> = {
  companyName: [
    'raison sociale', 'nomBeneficiaire', 'dénomination', 'dénomination sociale', 'entreprise', 'nom entreprise',
    "nom de l'entreprise", 'société', 'bénéficiaire', 'nom du bénéficiaire', 'entreprise bénéficiaire', 'ATTRIB_NOM',
    'nom_beneficiaire', 'raison sociale du bénéficiaire', 'nom',
  ],
  siret: [
    'siret', 'idBeneficiaire', 'n° siret', 'numéro siret', 'no siret', 'num siret', 'siret bénéficiaire', 'code siret', 'siret établissement',
    'Identification du bénéficiaire', 'Identification du bénéficiaire (SIRET)', 'siret du bénéficiaire', 'ATTRIB_SIRET', 'id_beneficiaire',
  ],
  naf: ['code naf', 'naf', 'code ape', 'ape', 'naf ape', 'code naf ape', 'naf rev2', 'activité naf', 'code activité'],
  sizeBand: [
    'tranche', "tranche d'effectif", "tranche d'effectifs", 'tranche effectif', 'effectif tranche', 'taille',
    "taille d'entreprise", "taille de l'entreprise", "catégorie d'entreprise", 'catégorie entreprise', 'effectif', 'effectifs',
  ],
  fund: ['fonds', 'fond', 'dispositifAide', 'dispositif', 'fonds de revitalisation', 'financeur', 'programme'],
  fundIssuer: ['nomAttribuant', 'attribuant', "Nom de l'attribuant", 'Nom attributaire', 'COLL_NOM', 'nom_attribuant'],
  amountEur: [
    'montant', 'montant (€)', 'montant €', 'montant en euros', 'montant aide', "montant de l'aide", 'montant accordé',
    'montant attribué', 'montant subvention', 'montant du prêt', 'montant prêt', 'Montant total de la subvention',
    'montant de la subvention', 'SUB_MONTANT', 'aide', 'subvention',
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
    'dateConvention', 'Date de la convention de subvention', 'date de signature', 'date signature', 'date convention',
    'date de la convention', 'date de convention', 'CONV_DAT', 'ACTE_DATE', "date d'attribution", 'date de décision',
    'date comité', 'date', 'année', 'exercice',
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
  publishable: [
    'diffusion', 'publication', 'accord de diffusion', 'accord diffusion', 'accord de publication', 'publiable', 'diffusable',
    'consentement publication', 'consentement diffusion', 'diffusion autorisée', 'publication autorisée',
  ],
  // Optional, for the annual review (leverage and company age).
  cofinancing: [
    'cofinancement', 'cofinancement (€)', 'co-financement', 'cofinancements', 'prêts bancaires', 'prêt bancaire',
    'prêts bancaires (€)', 'effet levier', 'financements associés', 'autres financements', 'montant cofinancement',
  ],
  companyCreated: ["date de création", "date de création de l'entreprise", 'date création', 'création', 'dateCreation', 'année de création'],
};

/**
 * Columns of the grant-GIVER (SCDL attribuant, Etalab 2017 collectivité): recognised so that they
 * are never read as the company, and named when a file offers them beside the beneficiary's.
 * « attributaire » in SCDL long titles is used by real exports for the attribuant (as in
 * api-subventions-asso's SCDL mapper); in the Etalab 2017 format ATTRIB_* is the beneficiary.
 */
const GRANTOR_COLUMNS = [
  'idAttribuant', "Identification de l'attribuant", "Identification de l'attribuant (SIRET)", "Identification de l'attributaire",
  "Identification de l'attributaire (SIRET)", 'COLL_SIRET', 'siret attribuant', "siret de l'attribuant", 'id_attribuant',
].map(looseKey);

/** SCDL Subventions columns that are understood but not used by the map. */
const SCDL_IGNORED = [
  'referenceDecision', 'objet', 'nature', 'conditionsVersement', 'datesPeriodeVersement', 'idRAE',
  'notificationUE', 'pourcentageSubvention', 'Référence de la décision', 'Objet de la subvention', 'Nature de la subvention',
  'Conditions de versement', 'Date(s) ou période(s) de versement', 'Numéro RAE', "Aide d'État notifiée",
  'Pourcentage de la subvention', 'SUB_OBJET', 'SUB_NATURE', 'ACTE_REF', 'COLL_NOM_COURT', 'ATTRIB_RNA',
].map(looseKey);

/** A grant-giver's key: named columns, or any header speaking of the attribuant with a SIRET. */
function isGrantorKey(k: string): boolean {
  return GRANTOR_COLUMNS.includes(k) || ((k.includes('attribuant') || k.startsWith('coll')) && (k.includes('siret') || k.startsWith('id')));
}

/** Fallback rules (prefix / contains) for headers not matched exactly. Order matters. */
const RULES: [ColumnField, (k: string) => boolean][] = [
  ['siret', (k) => k.includes('siret')],
  ['publishable', (k) => k.startsWith('diffusion') || k.startsWith('publication') || k.startsWith('accorddediffusion')],
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
  /** Fields for which several columns competed: which one was used and why (French, for the report). */
  choices: { field: ColumnField; used: string; others: string[]; reason: string }[];
  /** Grant-giver columns found (never read as the company). */
  grantor: string[];
}

/** User's choice of a column per field (the mapping step, or `--map champ=Entête`): header text. */
export type ColumnOverrides = Partial<Record<ColumnField, string | null>>;

/** Recognise the columns of a header row; `overrides` (field → header, null = none) win. */
export function recogniseColumns(headers: string[], overrides?: ColumnOverrides): ColumnRecognition {
  const candidates: { index: number; field: ColumnField; rank: number }[] = [];
  const rest: number[] = [];
  const grantor: number[] = [];
  headers.forEach((h, index) => {
    const k = looseKey(h);
    if (!k) return;
    const hit = EXACT.get(k);
    if (hit) candidates.push({ index, field: hit.field, rank: hit.rank });
    else if (isGrantorKey(k)) grantor.push(index);
    else {
      const rule = RULES.find(([, test]) => test(k));
      if (rule) candidates.push({ index, field: rule[0], rank: 1000 });
      else rest.push(index);
    }
  });
  const byField = new Map<ColumnField, { index: number; rank: number }[]>();
  for (const c of candidates) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
  const mapping: ColumnMapping = {};
  const choices: ColumnRecognition['choices'] = [];
  for (const [field, list] of byField) {
    list.sort((a, b) => a.rank - b.rank || a.index - b.index);
    mapping[field] = list[0].index;
    if (list.length > 1) {
      choices.push({
        field,
        used: headers[list[0].index],
        others: list.slice(1).map((c) => headers[c.index]),
        reason: list[0].rank < list[1].rank ? 'intitulé plus précis' : 'première colonne de même intitulé',
      });
    }
  }
  if (grantor.length > 0) {
    const g = grantor.map((i) => headers[i]);
    if (mapping.siret !== undefined) {
      choices.push({ field: 'siret', used: headers[mapping.siret], others: g, reason: 'SIRET du bénéficiaire ; les autres identifient l’attribuant de l’aide, pas l’entreprise' });
    }
  }
  applyOverrides(headers, mapping, choices, overrides);
  const used = new Set(Object.values(mapping));
  const ignored: string[] = [];
  const unrecognised: string[] = [];
  for (const c of candidates) if (!used.has(c.index)) ignored.push(headers[c.index]);
  for (const i of grantor) if (!used.has(i)) ignored.push(headers[i]);
  for (const index of rest) {
    if (used.has(index)) continue;
    if (SCDL_IGNORED.includes(looseKey(headers[index]))) ignored.push(headers[index]);
    else unrecognised.push(headers[index]);
  }
  return { headers, mapping, unrecognised, ignored, choices, grantor: grantor.map((i) => headers[i]) };
}

function applyOverrides(headers: string[], mapping: ColumnMapping, choices: ColumnRecognition['choices'], overrides?: ColumnOverrides): void {
  if (!overrides) return;
  for (const [field, header] of Object.entries(overrides) as [ColumnField, string | null][]) {
    if (header === null) {
      delete mapping[field];
      continue;
    }
    let index = headers.indexOf(header);
    if (index < 0) index = headers.findIndex((h) => looseKey(h) === looseKey(header));
    if (index < 0) {
      const shown = headers.filter((h) => h.trim() !== '').join(', ');
      throw new ImportFatalError(`Colonne ${quote(header)} introuvable pour le champ ${FIELD_LABELS[field]}. Colonnes du fichier : ${shown}.`);
    }
    // A column serves one field: the user's choice takes it from any other field.
    for (const f of Object.keys(mapping) as ColumnField[]) if (mapping[f] === index && f !== field) delete mapping[f];
    const previous = mapping[field];
    mapping[field] = index;
    const rest = choices.filter((c) => c.field !== field);
    choices.length = 0;
    choices.push(...rest, { field, used: headers[index], others: previous !== undefined && previous !== index ? [headers[previous]] : [], reason: 'choisie par l’utilisateur' });
  }
}

/** Key of a header row: files with the same columns share the user's mapping choices. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((h) => looseKey(h)).join('|');
}

/** Field named by the user (French label or internal name, any case): for `--map champ=Entête`. */
export function fieldByName(name: string): ColumnField | null {
  const k = looseKey(name);
  for (const [f, label] of Object.entries(FIELD_LABELS) as [ColumnField, string][]) {
    if (looseKey(f) === k || looseKey(label) === k) return f;
  }
  const aliases: Record<string, ColumnField> = {
    entreprise: 'companyName', nom: 'companyName', fonds: 'fund', insee: 'communeCode', codeinsee: 'communeCode',
    commune: 'communeName', cp: 'postalCode', montant: 'amountEur', date: 'date', publication: 'publishable',
  };
  return aliases[k] ?? null;
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
