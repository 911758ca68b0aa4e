// Command line check of funds files, with the same import code as the web app.
//   npm run --silent check-data -- FILE [FILE…] [--json] [--sheet NAME] [--fund AMPA|Airbus|Adie] [--map champ=Entête] [--data DIR]
// Exit codes: 0 at least one valid row; 1 readable file(s) but no valid row;
//             2 unreadable file, no recognisable column, missing geodata or bad arguments.

import { aggregate } from '../src/lib/analysis/aggregate.ts';
import type { Totals, TerritoryFigures } from '../src/lib/analysis/types.ts';
import type { FundId } from '../src/lib/domain/types.ts';
import { FIELD_LABELS, type ColumnField, type ColumnOverrides } from '../src/lib/import/columns.ts';
import type { ImportResult } from '../src/lib/import/pipeline.ts';
import { formatFr } from '../src/lib/text/format.ts';
import { fail } from './cli-error.ts';
import { MissingGeodataError, applyImportOption, readDataFiles, type FileReport } from './read-files.ts';

const HELP = `Vérification de fichiers des fonds de revitalisation (Bouches-du-Rhône)

Usage : npm run --silent check-data -- FICHIER [FICHIER…] [--json] [--sheet FEUILLE] [--fund FONDS] [--map CHAMP=ENTÊTE] [--data DOSSIER]

  FICHIER          CSV (séparateur ; , ou tabulation), XLSX ou GeoJSON de points ; plusieurs fichiers = un seul jeu de données
  --json           affiche un unique objet JSON (lignes, erreurs, totaux, par commune, par QPV, consentements…)
  --sheet FEUILLE  feuille du classeur XLSX (nom ou numéro à partir de 1 ; défaut : la première)
  --fund FONDS     fonds des fichiers sans colonne de fonds : AMPA, Airbus ou Adie
  --map CHAMP=ENTÊTE  colonne à utiliser pour un champ (ex. --map "Code INSEE=COM_CODE", --map siret=idBeneficiaire) ; répétable
  --data DOSSIER   dossier des couches géographiques (défaut : public/data)
  --help           affiche cette aide

Codes de sortie :
  0  au moins une ligne valide
  1  fichier(s) lisible(s) mais aucune ligne valide
  2  fichier illisible, aucune colonne reconnue, données géographiques absentes ou arguments invalides
`;

interface Args {
  files: string[];
  json: boolean;
  sheet?: string | number;
  fund?: FundId;
  columns?: ColumnOverrides;
  data: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { files: [], json: argv.includes('--json'), data: 'public/data', help: false };
  const value = (a: string, i: number): [string, number] => {
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && !['--map'].includes(a.slice(0, eq))) return [a.slice(eq + 1), i];
    if (a.startsWith('--map=')) return [a.slice(6), i];
    const v = argv[i + 1];
    if (v === undefined) fail(`l'option ${a} attend une valeur`, out.json);
    return [v, i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('--') ? a.split('=')[0] : a;
    if (a === '--json') continue;
    if (a === '--help' || a === '-h') out.help = true;
    else if (name === '--sheet' || name === '--data' || name === '--fund' || name === '--map') {
      const [v, next] = value(a, i);
      i = next;
      if (name === '--data') out.data = v;
      else {
        const error = applyImportOption(name, v, out);
        if (error) fail(error, out.json);
      }
    } else if (a.startsWith('-')) fail(`option inconnue ${a} (voir --help)`, out.json);
    else out.files.push(a);
  }
  return out;
}

/** Euros rounded to the cent: sums of decimals drift (2821393.5000000005). */
const cents = (n: number) => Math.round(n * 100) / 100;
const pickTotals = (f: Totals): Totals => ({ companies: f.companies, jobs: f.jobs, amountEur: cents(f.amountEur) });

function nonEmpty(rec: Record<string, TerritoryFigures>): Record<string, Totals> {
  const out: Record<string, Totals> = {};
  for (const code of Object.keys(rec).sort()) if (rec[code].companies >= 1) out[code] = pickTotals(rec[code]);
  return out;
}

/** One file's part of the JSON report. */
function fileJson(r: ImportResult) {
  return {
    rows: r.rows,
    valid: r.valid,
    rejected: r.rejected,
    undated: r.undated,
    consenting: r.consenting,
    format: r.format,
    rowWord: r.rowWord,
    encoding: r.encoding,
    delimiter: r.delimiter,
    sheet: r.sheet ?? null,
    defaultFund: r.defaultFund,
    mapping: r.mapping,
    choices: r.choices,
    unrecognisedColumns: r.unrecognisedColumns,
    ignoredColumns: r.ignoredColumns,
  };
}

// Not split: the command line's steps in order (arguments, reading, checks, output).
function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (args.files.length === 0) fail('indiquez le fichier à vérifier (voir --help)', args.json);
  let read: ReturnType<typeof readDataFiles>;
  try {
    read = readDataFiles(args.files, { dataDir: args.data, sheet: args.sheet, fund: args.fund, columns: args.columns });
  } catch (e) {
    if (e instanceof MissingGeodataError) fail(e.message, args.json);
    throw e;
  }
  const ok = read.files.filter((f): f is Extract<FileReport, { ok: true }> => f.ok);
  // One file that cannot be read: the historical single-error answer.
  if (ok.length === 0 && read.files.length === 1) fail((read.files[0] as { error: string }).error, args.json);
  const results = ok.map((f) => f.result);
  const agg = aggregate(read.dataset.supports, read.dataset.layoffs, read.index);
  const sum = (k: 'rows' | 'valid' | 'rejected' | 'undated' | 'consenting') => results.reduce((s, r) => s + r[k], 0);
  const valid = read.dataset.supports.length;
  const code = ok.length === 0 ? 2 : valid > 0 ? 0 : 1;
  const several = args.files.length > 1;
  const withFile = <T extends object>(f: FileReport, x: T) => (several ? { file: f.file, ...x } : x);

  if (args.json) {
    const first = results[0];
    const out = {
      rows: sum('rows'),
      valid,
      rejected: sum('rejected') + (sum('valid') - valid),
      undated: sum('undated'),
      consenting: read.dataset.supports.filter((s) => s.publishable).length,
      errors: ok.flatMap((f) => f.result.errors.map(({ row, field, message }) => withFile(f, { row, field, message }))),
      totals: pickTotals(agg.totals),
      byCommune: nonEmpty(agg.byCommune),
      byQpv: nonEmpty(agg.byQpv),
      rural: pickTotals(agg.rural),
      urban: pickTotals(agg.urban),
      warnings: ok.flatMap((f) => f.result.warnings.map((w) => withFile(f, w))),
      ...(several ? {} : fileJson(first)),
      files: read.files.map((f) => (f.ok ? { file: f.file, ...fileJson(f.result) } : { file: f.file, error: f.error })),
      duplicatesAcrossFiles: read.duplicates,
    };
    // The per-file fields above win for a single file, but the totals stay the dataset's.
    Object.assign(out, { rows: sum('rows'), valid, rejected: sum('rejected') + (sum('valid') - valid), undated: sum('undated') });
    process.stdout.write(JSON.stringify(out) + '\n');
    process.exit(code);
  }

  process.stdout.write(datasetText(read, agg, valid, several, code).join('\n') + '\n');
  process.exit(code);
}

/** The text report of a set of files: each file, then the dataset's figures. */
function datasetText(read: ReturnType<typeof readDataFiles>, agg: ReturnType<typeof aggregate>, valid: number, several: boolean, code: number): string[] {
  const names = new Map(read.index.communes.map((c) => [c.code, c.nom]));
  const lines: string[] = [];
  const fmtEur = (n: number) => `${formatFr(cents(n), Number.isInteger(cents(n)) ? 0 : 2)} €`;
  const plural = (n: number, word: string) => `${formatFr(n)} ${word}${n > 1 ? 's' : ''}`;
  const figures = (f: Totals) => `${plural(f.companies, 'entreprise')}, ${plural(f.jobs, 'emploi')}, ${fmtEur(f.amountEur)}`;
  for (const f of read.files) {
    if (!f.ok) {
      lines.push(`Fichier : ${f.file} — illisible : ${f.error}`, '');
      continue;
    }
    lines.push(...fileText(f.file, f.result), '');
  }
  if (read.duplicates.length) {
    lines.push(`Doublons entre fichiers (${read.duplicates.length}) :`);
    for (const d of read.duplicates.slice(0, 20)) lines.push(`  ${d.fileName}, ligne ${d.row} : ${d.message}`);
    lines.push('');
  }
  if (several) lines.push(`Ensemble : ${read.files.length} fichiers, ${formatFr(valid)} lignes retenues`);
  lines.push(`Totaux : ${figures(agg.totals)}`);
  lines.push(`Rural : ${figures(agg.rural)} — urbain : ${figures(agg.urban)}`);
  lines.push(`Entreprises consentant à la diffusion : ${formatFr(read.dataset.supports.filter((s) => s.publishable).length)}`);
  const top = Object.entries(agg.byCommune)
    .filter(([, f]) => f.companies > 0)
    .sort((a, b) => b[1].companies - a[1].companies || b[1].amountEur - a[1].amountEur)
    .slice(0, 10);
  if (top.length) {
    lines.push('');
    lines.push('Principales communes :');
    for (const [c, f] of top) lines.push(`  ${names.get(c) ?? c} (${c}) : ${figures(f)}`);
  }
  const qpvs = Object.values(agg.byQpv).filter((f) => f.companies > 0).length;
  lines.push('');
  lines.push(`QPV concernés : ${qpvs}`);
  if (code === 1) lines.push('Aucune ligne valide : corrigez les erreurs ci-dessus.');
  return lines;
}

/** The text report of one file. */
function fileText(file: string, r: ImportResult): string[] {
  const lines: string[] = [];
  const where = (n: number) => (n === 0 ? 'fichier' : `${r.rowWord} ${n}`);
  lines.push(`Fichier : ${file}${r.sheet ? ` (feuille « ${r.sheet} »)` : ''}`);
  const enc = r.encoding ? `, encodage ${r.encoding}` : '';
  const delim = r.delimiter ? `, séparateur « ${r.delimiter === '\t' ? 'tabulation' : r.delimiter} »` : '';
  lines.push(`Format : ${r.format.toUpperCase()}${enc}${delim}`);
  lines.push(
    `Colonnes reconnues : ${Object.entries(r.mapping)
      .map(([f, h]) => `${h} → ${FIELD_LABELS[f as ColumnField]}`)
      .join(', ')}`,
  );
  if (r.defaultFund) lines.push(`Fonds du fichier (aucune colonne de fonds) : ${r.defaultFund.toUpperCase()}`);
  if (r.unrecognisedColumns.length) lines.push(`Colonnes non reconnues : ${r.unrecognisedColumns.join(', ')}`);
  lines.push('');
  lines.push(`Lignes lues : ${r.rows} — valides : ${r.valid} — refusées : ${r.rejected}${r.undated ? ` — sans date : ${r.undated}` : ''}`);
  if (r.errors.length) {
    lines.push('');
    lines.push(`Erreurs (${r.errors.length}) :`);
    for (const e of r.errors.slice(0, 20)) lines.push(`  ${where(e.row)} — ${e.field} : ${e.message}`);
    if (r.errors.length > 20) lines.push(`  … et ${r.errors.length - 20} autres`);
  }
  if (r.warnings.length) {
    lines.push('');
    lines.push(`Avertissements (${r.warnings.length}) :`);
    for (const w of r.warnings.slice(0, 10)) lines.push(`  ${where(w.row)} — ${w.field} : ${w.message}`);
    if (r.warnings.length > 10) lines.push(`  … et ${r.warnings.length - 10} autres`);
  }
  return lines;
}

main();
