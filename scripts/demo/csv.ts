// The demo dataset as French-style CSV (what a DDETS spreadsheet export looks like).

import { type Layoff, type Support } from '../../src/lib/domain/types.ts';
import { fundById, SIZE_BAND_SHORT_LABELS } from '../../src/lib/domain/funds.ts';

export const SUPPORTS_CSV_HEADER = [
  'Raison sociale',
  'SIRET',
  'Code NAF',
  'Tranche',
  'Fonds',
  'Montant (€)',
  'Emplois prévus',
  'Emplois créés',
  'Date',
  'Adresse',
  'Code INSEE',
  'Longitude',
  'Latitude',
  'Micro-entrepreneur',
  'Diffusion',
  'Cofinancement (€)',
  'Date de création',
];

export const LAYOFFS_CSV_HEADER = ['Employeur', 'SIRET', 'Date', 'Postes supprimés', 'Code INSEE', 'Longitude', 'Latitude'];

const BOM = '\ufeff';

function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function frDecimal(x: number): string {
  return x.toFixed(6).replace('.', ',');
}

function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/**
 * Supports as CSV. "Code INSEE" holds the arrondissement code (132xx) for Marseille rows
 * whose arrondissement is known, else the commune code. Longitude/Latitude (WGS84, decimal
 * comma) are empty for rows located only by commune or arrondissement.
 */
export function supportsCsv(supports: Support[]): string {
  return toCsv(
    SUPPORTS_CSV_HEADER,
    supports.map((s) => {
      const hasPoint = s.precision === 'point';
      return [
        s.companyName,
        s.siret,
        s.naf,
        SIZE_BAND_SHORT_LABELS[s.sizeBand],
        fundById(s.fund).shortLabel,
        s.amountEur,
        s.jobsPlanned,
        s.jobsAchieved,
        frDate(s.date),
        s.address,
        s.arrondissementCode ?? s.communeCode,
        hasPoint ? frDecimal(s.location[0]) : null,
        hasPoint ? frDecimal(s.location[1]) : null,
        s.isMicroEntrepreneur ? 'oui' : 'non',
        s.publishable ? 'oui' : 'non',
        s.cofinancingEur ?? null,
        s.companyCreated ? frDate(s.companyCreated) : null,
      ];
    }),
  );
}

export function layoffsCsv(layoffs: Layoff[]): string {
  return toCsv(
    LAYOFFS_CSV_HEADER,
    layoffs.map((l) => [l.employer, l.siret, frDate(l.date), l.jobsCut, l.arrondissementCode ?? l.communeCode, frDecimal(l.location[0]), frDecimal(l.location[1])]),
  );
}
