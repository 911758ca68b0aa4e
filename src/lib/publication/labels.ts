// French labels of the publication (reasons of suppression, levels), and dates (French by default). Pure.

import { DEFAULT_LOCALE, LOCALE_TAGS, type Locale } from '../text/locale.ts';
import type { CellLevel, Measure, SuppressionReason } from './types.ts';

export const REASON_LABELS: Readonly<Record<SuppressionReason, string>> = {
  frequence: 'moins de 3 entreprises',
  dominance: 'une entreprise dépasse 85 %',
  residuel: 'reste après les entreprises diffusées : moins de 3 entreprises ou une dominante',
  secondaire: 'secret secondaire (empêche de retrouver un chiffre masqué par soustraction)',
};

export const LEVEL_LABELS: Readonly<Record<CellLevel, string>> = {
  departement: 'Département',
  epci: 'Intercommunalité',
  zonesEmploi: 'Zone d’emploi',
  communes: 'Commune',
  arrondissements: 'Arrondissement de Marseille',
  qpv: 'Quartier prioritaire',
  rural: 'Communes rurales',
  urban: 'Communes urbaines',
  funds: 'Fonds',
  years: 'Année',
};

export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  companies: 'entreprises',
  jobs: 'emplois créés',
  amountEur: 'montant',
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written AAAA-MM-JJ. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** "2026-03-31" → "31 mars 2026", "31 March 2026" in English (the string itself when it is not such a date). */
export function formatDate(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  if (!isIsoDate(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The French date of the internal pages and exports. */
export const formatDateFr = (iso: string): string => formatDate(iso, 'fr');
