// Validation of one data row into a Support: identity, fund, amount, jobs, date (optional), NAF,
// size, micro-entrepreneur, consent to publication, then location and duplicates. Errors reject
// the row, warnings keep it; both name the spreadsheet row (or GeoJSON feature) and the field.

import type { FundId, SizeBand, Support } from '../domain/types.ts';
import { RowCells } from './cells.ts';
import { FIELD_LABELS, matchFund, type ColumnMapping } from './columns.ts';
import { DuplicateTracker } from './duplicates.ts';
import type { ImportIssue } from './errors.ts';
import { RowLocator, type CoordinateKind, type LocateOptions, type Located } from './locate.ts';
import { formatFr } from '../text/format.ts';
import { quote } from './text.ts';
import { applyOptionalFields, readOptionalFields } from './optional-fields.ts';
import {
  parseAmount,
  parseBoolean,
  parseDate,
  parseJobs,
  parseNaf,
  parseSimpleNumber,
  parseSiret,
  parseSizeBand,
} from './values.ts';

/** Text cells longer than this get a warning (kept as they are). */
const LONG_TEXT = 1000;

export interface RowOptions extends LocateOptions {
  now?: Date;
  xlsx: boolean;
  defaultFund?: FundId;
  /** « ligne » for tables, « élément » for GeoJSON features: how messages name another row. */
  rowWord: 'ligne' | 'élément';
  /** File-level blocking problems (rules.ts): every row is rejected without a per-row error for them. */
  blocked: boolean;
}

const NO_DATE = { iso: '', yearOnly: false };

function isMicroEntrepreneurLabel(sizeRaw: string): boolean {
  return /micro.?entrepreneur|auto.?entrepreneur/i.test(sizeRaw);
}

export class RowProcessor {
  private readonly row: RowCells;
  private readonly locator: RowLocator;
  private readonly duplicates: DuplicateTracker;
  private rowErrors = 0;
  /** Kept rows without a date, and kept rows consenting to publication. */
  undated = 0;
  consenting = 0;
  // Columns with few distinct values (fund, date, NAF, size band) are parsed once per distinct value.
  private readonly fundCache = new Map<string, FundId | null>();
  private readonly dateCache = new Map<string, ReturnType<typeof parseDate>>();
  private readonly nafCache = new Map<string, ReturnType<typeof parseNaf>>();
  private readonly sizeCache = new Map<string, SizeBand | null>();
  private readonly microCache = new Map<string, boolean>();
  private readonly parseDateCell = (raw: string) => parseDate(raw, { now: this.o.now, excelSerial: this.o.xlsx });

  constructor(
    private readonly o: RowOptions,
    private readonly m: ColumnMapping,
    /** Where row errors and warnings go (a row with any error is rejected). */
    private readonly errors: ImportIssue[],
    private readonly warnings: ImportIssue[],
  ) {
    this.row = new RowCells(m);
    this.locator = new RowLocator(o, this.row, this);
    const word = o.rowWord;
    this.duplicates = new DuplicateTracker((id) => (word === 'élément' ? `l'élément ${id}` : `la ligne ${id}`));
  }

  get swappedRows(): number {
    return this.locator.swappedRows;
  }

  /** f(raw), remembered for the rest of the file (pure parsers only; bounded for files of unique values). */
  private memo<T>(cache: Map<string, T>, raw: string, f: (raw: string) => T): T {
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as T;
    const v = f(raw);
    if (cache.size < 20_000) cache.set(raw, v);
    return v;
  }

  err(field: string, message: string): void {
    this.errors.push({ row: this.row.line, field, message });
    this.rowErrors++;
  }

  warn(field: string, message: string): void {
    this.warnings.push({ row: this.row.line, field, message });
  }

  private jobs(f: 'jobsPlanned' | 'jobsAchieved'): number | null {
    const raw = this.row.get(f);
    if (!raw) return null;
    const simple = parseSimpleNumber(raw);
    if (Number.isInteger(simple)) return simple;
    const r = parseJobs(raw);
    if (!r.ok) {
      this.err(FIELD_LABELS[f], r.reason);
      return null;
    }
    if (r.note) this.warn(FIELD_LABELS[f], r.note);
    return r.value;
  }

  // Results of the field readers for the current row, kept on the instance (no object per row).
  private siret: string | null = null;
  private companyName = '';
  private naf: string | null = null;
  private sector: string | null = null;
  private sizeBand: SizeBand = 'inconnue';
  private micro = false;
  private publishable: boolean | null = null;

  private identity(): void {
    let siret: string | null = null;
    const siretRaw = this.row.get('siret');
    if (siretRaw) {
      const r = parseSiret(siretRaw);
      if (r.ok) {
        siret = r.value;
        if (r.note) this.warn('SIRET', r.note);
      } else this.err('SIRET', r.reason);
    }
    let companyName = this.row.get('companyName');
    if (companyName.length > LONG_TEXT) {
      this.warn('Raison sociale', `texte très long (${formatFr(companyName.length)} caractères) : conservé tel quel, vérifiez la ligne`);
    }
    if (!companyName) {
      if (siret) companyName = `Entreprise SIRET ${siret}`;
      else if (!siretRaw) this.err('Raison sociale', 'raison sociale et SIRET manquants');
    }
    this.siret = siret;
    this.companyName = companyName;
  }

  private fund(): FundId | null {
    const fundRaw = this.row.get('fund');
    const issuerRaw = this.row.get('fundIssuer');
    const fund = this.memo(this.fundCache, fundRaw, matchFund) ?? this.memo(this.fundCache, issuerRaw, matchFund) ?? this.o.defaultFund ?? null;
    if (!fund && !this.o.blocked) {
      if (fundRaw || issuerRaw) this.err('Fonds', `${quote(fundRaw || issuerRaw)} n'est pas un fonds reconnu (AMPA, Airbus, Adie)`);
      else this.err('Fonds', 'fonds manquant (AMPA, Airbus ou Adie)');
    }
    return fund;
  }

  private amount(): number {
    if (!this.row.has('amountEur')) return 0;
    const raw = this.row.get('amountEur');
    const simple = parseSimpleNumber(raw);
    if (simple === simple) return Math.round(simple * 100) / 100;
    if (!raw) this.err('Montant', 'montant manquant');
    else {
      const r = parseAmount(raw);
      if (r.ok) {
        if (r.note) this.warn('Montant', r.note);
        return r.value;
      }
      this.err('Montant', r.reason);
    }
    return 0;
  }

  /** ISO date, '' when absent (a warning: the row counts under « année non renseignée »). */
  private date(): { iso: string; yearOnly: boolean } | null {
    const raw = this.row.get('date');
    if (!raw) {
      if (this.row.has('date')) this.warn('Date', 'date non renseignée : ligne comptée sous « année non renseignée »');
      return NO_DATE;
    }
    const r = this.memo(this.dateCache, raw, this.parseDateCell);
    if (r.ok) return r.value;
    this.err('Date', r.reason);
    return null;
  }

  private profile(): void {
    let naf: string | null = null;
    let sector: string | null = null;
    const nafRaw = this.row.get('naf');
    if (nafRaw) {
      const r = this.memo(this.nafCache, nafRaw, parseNaf);
      if (r.ok) {
        naf = r.value.code;
        sector = r.value.sector;
      } else this.warn('Code NAF', `${r.reason} : ignoré`);
    }
    const sizeRaw = this.row.get('sizeBand');
    let sizeBand: SizeBand = 'inconnue';
    if (sizeRaw) {
      const b = this.memo(this.sizeCache, sizeRaw, parseSizeBand);
      if (b) sizeBand = b;
      else this.warn("Tranche d'effectif", `${quote(sizeRaw)} non reconnue : taille inconnue`);
    }
    let isMicroEntrepreneur = sizeRaw !== '' && this.memo(this.microCache, sizeRaw, isMicroEntrepreneurLabel);
    const microRaw = this.row.get('microEntrepreneur');
    if (microRaw) {
      const r = parseBoolean(microRaw);
      if (r.ok) isMicroEntrepreneur = isMicroEntrepreneur || r.value;
      else this.warn('Micro-entrepreneur', r.reason);
    }
    // Consent to individual publication: oui / non (o/n, 1/0, vrai/faux); absent or unreadable = non.
    let publishable: boolean | null = null;
    if (this.row.has('publishable')) {
      const raw = this.row.get('publishable');
      const r = parseBoolean(raw);
      publishable = r.ok && r.value;
      if (!r.ok) this.warn('Diffusion', `${r.reason} : non diffusée`);
    }
    this.naf = naf;
    this.sector = sector;
    this.sizeBand = sizeBand;
    this.micro = isMicroEntrepreneur;
    this.publishable = publishable;
  }

  /** Validates and locates one row; its errors and warnings go to the shared lists. Null when rejected. */
  process(
    cells: string[],
    line: number,
    presetErrors?: ImportIssue[],
    geometry?: { a: number; b: number; kind: CoordinateKind } | null,
  ): Support | null {
    this.row.start(cells, line);
    this.rowErrors = 0;
    let locationError = false;
    if (presetErrors) {
      for (const e of presetErrors) {
        this.errors.push(e);
        this.rowErrors++;
        if (e.field === 'Localisation') locationError = true;
      }
    }
    this.identity();
    const fund = this.fund();
    const amountEur = this.amount();
    const jobsPlanned = this.jobs('jobsPlanned');
    const jobsAchieved = this.jobs('jobsAchieved');
    const date = this.date();
    this.profile();
    // Location (only when the reader gave no location error and the file has a location at all).
    let located: Located | null = null;
    if (!locationError && !this.o.blocked) located = this.locator.locate(geometry);
    const address = this.row.get('address');
    if (address.length > LONG_TEXT) {
      this.warn('Adresse', `texte très long (${formatFr(address.length)} caractères) : conservé tel quel, vérifiez la ligne`);
    }
    if (this.rowErrors > 0 || !fund || !located || !date) return null;

    const support: Support = {
      id: String(line), // the spreadsheet row: duplicate messages quote it
      companyName: this.companyName,
      siret: this.siret,
      naf: this.naf,
      sector: this.sector,
      sizeBand: this.sizeBand,
      fund,
      amountEur,
      jobsPlanned,
      jobsAchieved,
      date: date.iso,
      address: address || null,
      location: located.location,
      precision: located.precision,
      communeCode: located.communeCode,
      arrondissementCode: located.arrondissementCode,
      qpvCode: located.qpvCode,
      qpvSource: located.qpvSource,
      isMicroEntrepreneur: this.micro,
    };
    if (date.yearOnly) support.dateIsYearOnly = true;
    if (this.publishable !== null) support.publishable = this.publishable;
    applyOptionalFields(support, readOptionalFields({ cofinancing: this.row.get('cofinancing'), companyCreated: this.row.get('companyCreated') }, (f, m) => this.warn(f, m), this.o.now));

    const dup = this.duplicates.check(support);
    if (dup.kind === 'reject') {
      this.err('SIRET', dup.message);
      return null;
    }
    if (dup.kind === 'warn') this.warn(dup.field, dup.message);
    if (!date.iso) this.undated++;
    if (support.publishable) this.consenting++;
    return support;
  }
}
