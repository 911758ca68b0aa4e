// Error and issue shapes of the import module.

/** A problem on one row (or on the whole file when `row` is 0). `field` is a French label. */
export interface ImportIssue {
  /** Spreadsheet line number (header = line 1), feature number for GeoJSON, 0 for the whole file. */
  row: number;
  /** French field label: "Montant", "SIRET", "Date", "Localisation", … */
  field: string;
  /** French message. Plain text, never HTML. */
  message: string;
}

/** The file cannot be imported at all (unreadable, binary, empty, no recognisable column). French message. */
export class ImportFatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFatalError';
  }
}
