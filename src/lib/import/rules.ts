// File-level diagnosis, declared as a table (after api-subventions-asso's validation tables:
// {key, test, message}). A blocking rule makes every row unusable: it is said once at the top of
// the report, with what to add, instead of one error per row.

import type { FundId } from '../domain/types.ts';
import { hasLocation, type ColumnMapping } from './columns.ts';

export interface FileFacts {
  mapping: ColumnMapping;
  /** GeoJSON: the geometry gives the location. */
  hasGeometry: boolean;
  defaultFund?: FundId;
}

export interface FileRule {
  key: 'location' | 'fund' | 'amount' | 'date';
  /** French field label of the report. */
  field: string;
  /** True when the file passes. */
  test: (f: FileFacts) => boolean;
  /** Blocking: no row can be kept (an error at row 0); otherwise a warning at row 0. */
  blocking: boolean;
  message: string;
}

export const FILE_RULES: readonly FileRule[] = [
  {
    key: 'location',
    field: 'Localisation',
    test: (f) => f.hasGeometry || hasLocation(f.mapping),
    blocking: true,
    message:
      'aucune colonne de localisation : ajoutez au fichier une colonne « Code INSEE » (ou « Commune » et « Code postal », ou « Longitude » et « Latitude »), ou choisissez-la parmi les colonnes ; aucune ligne ne peut être placée sur la carte',
  },
  {
    key: 'fund',
    field: 'Fonds',
    test: (f) => f.mapping.fund !== undefined || f.mapping.fundIssuer !== undefined || f.defaultFund !== undefined,
    blocking: true,
    message: 'aucune colonne de fonds : choisissez le fonds du fichier (AMPA, Airbus ou Adie) ou ajoutez une colonne « Fonds »',
  },
  {
    key: 'amount',
    field: 'Montant',
    test: (f) => f.mapping.amountEur !== undefined,
    blocking: false,
    message: 'aucune colonne de montant : les montants sont comptés 0 €',
  },
  {
    key: 'date',
    field: 'Date',
    test: (f) => f.mapping.date !== undefined,
    blocking: false,
    message: 'aucune colonne de date : les lignes sont comptées sous « année non renseignée »',
  },
];

/** The rules a file fails. */
export function diagnoseFile(f: FileFacts): FileRule[] {
  return FILE_RULES.filter((r) => !r.test(f));
}
