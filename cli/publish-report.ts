// What publish-site prints: the published figures as one JSON object (--json), or a French report
// of the counts and of every suppression with its reason. Pure (no file, no process).

import { FUNDS } from '../src/lib/domain/funds.ts';
import type { TerritoriesIndex } from '../src/lib/geodata/types.ts';
import type { ImportIssue } from '../src/lib/import/pipeline.ts';
import { formatFr } from '../src/lib/text/format.ts';
import {
  MEASURES,
  type CellLevel,
  type Measure,
  type PublishedDataset,
  type PublishedFigures,
  type SuppressionReason,
} from '../src/lib/publication/types.ts';

/** Figures of one territory as printed: amounts rounded to the cent, null per suppressed measure. */
export type PrintedFigures = PublishedFigures;
export type PrintedGroup = PrintedFigures & { communes: string[] };

export interface PublishedJson {
  departement: PrintedFigures;
  epci: Record<string, PrintedGroup>;
  zonesEmploi: Record<string, PrintedGroup>;
  communes: Record<string, PrintedFigures | null>;
  arrondissements: Record<string, PrintedFigures | null>;
  qpv: Record<string, PrintedFigures | null>;
  rural: PrintedFigures | null;
  urban: PrintedFigures | null;
}

const cents = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

function printed(f: PublishedFigures): PrintedFigures {
  return { companies: f.companies, jobs: f.jobs, amountEur: cents(f.amountEur) };
}

/** A territory whose three measures are suppressed prints as null. */
function printedOrNull(f: PublishedFigures): PrintedFigures | null {
  return f.companies === null && f.jobs === null && f.amountEur === null ? null : printed(f);
}

function sorted<T, U>(rec: Record<string, T>, fn: (v: T, code: string) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const code of Object.keys(rec).sort()) out[code] = fn(rec[code], code);
  return out;
}

function members(index: TerritoriesIndex, key: 'epci' | 'ze'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of index.communes) out.set(c[key], [...(out.get(c[key]) ?? []), c.code]);
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * The figures exactly as published, per level. EPCI and zones d'emploi are always objects (with
 * their member communes, from the territories index); the département is always one object.
 */
export function publishedJson(pub: PublishedDataset, index: TerritoriesIndex): PublishedJson {
  const t = pub.tables;
  const byEpci = members(index, 'epci');
  const byZe = members(index, 'ze');
  return {
    departement: printed(t.departement),
    epci: sorted(t.epci, (f, code) => ({ ...printed(f), communes: byEpci.get(code) ?? [] })),
    zonesEmploi: sorted(t.zonesEmploi, (f, code) => ({ ...printed(f), communes: byZe.get(code) ?? [] })),
    communes: sorted(t.communes, printedOrNull),
    arrondissements: sorted(t.arrondissements, printedOrNull),
    qpv: sorted(t.qpv, printedOrNull),
    rural: printedOrNull(t.rural),
    urban: printedOrNull(t.urban),
  };
}

// ---- French report ----

const REASON_LABELS: Record<SuppressionReason, string> = {
  frequence: 'fréquence < 3 (moins de 3 entreprises)',
  dominance: 'dominance > 85 % (une entreprise dépasse 85 % du total)',
  residuel: 'résiduel (le total moins les entreprises publiées individuellement révélerait les autres)',
  secondaire: 'secret secondaire (empêche de retrouver une valeur supprimée par soustraction)',
};
const LEVEL_LABELS: Record<CellLevel, string> = {
  departement: 'département',
  epci: 'EPCI',
  zonesEmploi: "zones d'emploi",
  communes: 'communes',
  arrondissements: 'arrondissements de Marseille',
  qpv: 'QPV',
  rural: 'communes rurales',
  urban: 'communes urbaines',
  funds: 'fonds',
  years: 'années',
};
const MEASURE_LABELS: Record<Measure, string> = { companies: 'entreprises', jobs: 'emplois', amountEur: 'montant' };

function cellNames(index: TerritoriesIndex): (level: CellLevel, code: string) => string {
  const names = new Map<string, string>();
  const add = (level: CellLevel, list: { code: string; nom: string }[]) => {
    for (const x of list) names.set(`${level}:${x.code}`, `${x.nom} (${x.code})`);
  };
  add('communes', index.communes);
  add('arrondissements', index.arrondissements);
  add('epci', index.epci);
  add('zonesEmploi', index.zonesEmploi);
  add('qpv', index.qpv);
  for (const f of FUNDS) names.set(`funds:${f.id}`, f.shortLabel);
  return (level, code) => {
    if (level === 'departement') return index.departement.nom;
    if (level === 'rural' || level === 'urban') return LEVEL_LABELS[level];
    if (level === 'years') return code === 'inconnue' ? 'année inconnue' : code;
    return names.get(`${level}:${code}`) ?? code;
  };
}

/** Suppressions grouped by reason, then level, then the same set of measures: one line each. */
export function suppressionLines(pub: PublishedDataset, index: TerritoriesIndex): string[] {
  const name = cellNames(index);
  const lines: string[] = [];
  const all = pub.tables.suppressions;
  lines.push(`Valeurs supprimées (secret statistique) : ${formatFr(all.length)}`);
  for (const reason of Object.keys(REASON_LABELS) as SuppressionReason[]) {
    const ofReason = all.filter((s) => s.reason === reason);
    if (ofReason.length === 0) continue;
    lines.push(`  ${REASON_LABELS[reason]} : ${formatFr(ofReason.length)}`);
    for (const level of Object.keys(LEVEL_LABELS) as CellLevel[]) {
      // Cell → its suppressed measures, in MEASURES order.
      const cells = new Map<string, Measure[]>();
      for (const s of ofReason) if (s.level === level) cells.set(s.code, [...(cells.get(s.code) ?? []), s.measure]);
      if (cells.size === 0) continue;
      const byMeasures = new Map<string, string[]>();
      for (const [code, ms] of [...cells].sort((a, b) => a[0].localeCompare(b[0]))) {
        const key = MEASURES.filter((m) => ms.includes(m)).map((m) => MEASURE_LABELS[m]).join(', ');
        byMeasures.set(key, [...(byMeasures.get(key) ?? []), name(level, code)]);
      }
      for (const [measures, cellsOf] of byMeasures) {
        lines.push(`    ${LEVEL_LABELS[level]} — ${measures} : ${cellsOf.join(', ')}`);
      }
    }
  }
  return lines;
}

export interface FileSummary {
  file: string;
  rows: number;
  valid: number;
  rejected: number;
  errors: ImportIssue[];
}

const plural = (n: number, word: string) => `${formatFr(n)} ${word}${n > 1 ? 's' : ''}`;

function figuresText(f: PublishedFigures): string {
  const part = (v: number | null, text: (v: number) => string) => (v === null ? 'secret statistique' : text(v));
  return [
    part(f.companies, (v) => plural(v, 'entreprise')),
    part(f.jobs, (v) => plural(v, 'emploi')),
    part(f.amountEur, (v) => `${formatFr(v)} €`),
  ].join(', ');
}

/**
 * Rows read per file and in all, the first rejected rows (spreadsheet line, field, reason) and the
 * rows left out as duplicates of another file (then counted as rejected).
 */
export function fileLines(files: FileSummary[], duplicates: readonly string[] = []): string[] {
  const lines: string[] = [];
  const total = { rows: 0, valid: 0, rejected: duplicates.length };
  for (const f of files) {
    lines.push(`Fichier ${f.file} : ${plural(f.rows, 'ligne')}, ${plural(f.valid, 'valide')}, ${plural(f.rejected, 'refusée')}`);
    total.rows += f.rows;
    total.valid += f.valid;
    total.rejected += f.rejected;
  }
  total.valid -= duplicates.length;
  if (duplicates.length) {
    lines.push(`Doublons entre fichiers, comptés une fois (${duplicates.length}) :`);
    for (const d of duplicates.slice(0, 20)) lines.push(`  ${d}`);
    if (duplicates.length > 20) lines.push(`  … et ${duplicates.length - 20} autres`);
  }
  lines.push(`Lignes lues : ${total.rows} — valides : ${total.valid} — refusées : ${total.rejected}`);
  const errors = files.flatMap((f) => f.errors.map((e) => ({ ...e, file: f.file })));
  if (errors.length) {
    lines.push(`Lignes refusées (${errors.length}) :`);
    for (const e of errors.slice(0, 20)) lines.push(`  ${e.file}, ligne ${e.row} — ${e.field} : ${e.message}`);
    if (errors.length > 20) lines.push(`  … et ${errors.length - 20} autres (détail : npm run check-data -- FICHIER)`);
  }
  return lines;
}

export interface ReportInput {
  pub: PublishedDataset;
  index: TerritoriesIndex;
  /** Funds files read (empty when the input was a published package). */
  files: FileSummary[];
  /** Package given as input instead of funds files. */
  packageFile: string | null;
  /** Rows left out as exact duplicates of a row of another file. */
  duplicates: readonly string[];
  outDir: string;
  fileCount: number;
  /** Sites allowed to frame the site (CSP frame-ancestors); empty: none. */
  frameAncestors?: readonly string[];
}

/** The French report printed without --json. */
export function frenchReport(r: ReportInput): string {
  const { pub, index } = r;
  const lines: string[] = [];
  lines.push(`Publication des fonds de revitalisation — données au ${pub.date}`);
  if (r.packageFile) {
    lines.push(`Paquet de publication : ${r.packageFile} (sources : ${pub.sources.join(', ') || 'non précisées'})`);
  } else {
    lines.push(...fileLines(r.files, r.duplicates));
  }
  lines.push('');
  lines.push(
    `Entreprises publiées individuellement (accord de diffusion, hors micro-entrepreneurs) : ${formatFr(pub.companies.length)} — nom, point, fonds, année, emplois ; jamais de SIRET ni de montant. Les autres n'apparaissent que dans les totaux.`,
  );
  lines.push(`Département : ${figuresText(pub.tables.departement)}`);
  lines.push('');
  lines.push(...suppressionLines(pub, index));
  lines.push('');
  lines.push(`Site écrit dans ${r.outDir} (${formatFr(r.fileCount)} fichiers). Pour le servir : npm run serve -- ${r.outDir}`);
  const framing = r.frameAncestors?.length ? r.frameAncestors.join(' ') : 'aucun';
  lines.push(`Sites autorisés à l'intégrer dans un cadre (frame-ancestors) : ${framing} — en-têtes à appliquer par l'hébergeur : _headers, nginx-headers.conf`);
  return lines.join('\n') + '\n';
}
