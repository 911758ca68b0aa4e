// Command line check of a funds file, with the same import code as the web app.
//   npm run --silent check-data -- FILE [--json] [--sheet NAME] [--data DIR]
// Exit codes: 0 at least one valid row; 1 readable file but no valid row;
//             2 unreadable file, no recognisable column, missing geodata or bad arguments.

import { aggregate } from '../src/lib/analysis/aggregate.ts';
import type { Totals, TerritoryFigures } from '../src/lib/analysis/types.ts';
import type { ImportResult } from '../src/lib/import/pipeline.ts';
import { formatFr } from '../src/lib/import/text.ts';
import { FIELD_LABELS, type ColumnField } from '../src/lib/import/columns.ts';
import { CliError, fail, importFundsFile, loadGeodata, parseSheet } from './funds-input.ts';

const HELP = `Vérification d'un fichier des fonds de revitalisation (Bouches-du-Rhône)

Usage : npm run --silent check-data -- FICHIER [--json] [--sheet FEUILLE] [--data DOSSIER]

  FICHIER          CSV (séparateur ; , ou tabulation), XLSX ou GeoJSON de points
  --json           affiche un unique objet JSON (lignes, erreurs, totaux, par commune, par QPV…)
  --sheet FEUILLE  feuille du classeur XLSX (nom ou numéro à partir de 1 ; défaut : la première)
  --data DOSSIER   dossier des couches géographiques (défaut : public/data)
  --help           affiche cette aide

Codes de sortie :
  0  au moins une ligne valide
  1  fichier lisible mais aucune ligne valide
  2  fichier illisible, aucune colonne reconnue, données géographiques absentes ou arguments invalides
`;

function parseArgs(argv: string[]) {
  const out: { file?: string; json: boolean; sheet?: string | number; data: string; help: boolean } = {
    json: false,
    data: 'public/data',
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--sheet' || a === '--data') {
      const v = argv[++i];
      if (v === undefined) fail(`l'option ${a} attend une valeur`, out.json);
      if (a === '--data') out.data = v;
      else out.sheet = parseSheet(v);
    } else if (a.startsWith('--sheet=')) out.sheet = parseSheet(a.slice(8));
    else if (a.startsWith('--data=')) out.data = a.slice(7);
    else if (a.startsWith('-')) fail(`option inconnue ${a} (voir --help)`, out.json);
    else if (out.file === undefined) out.file = a;
    else fail(`un seul fichier à la fois (${out.file}, ${a})`, out.json);
  }
  return out;
}

const pickTotals = (f: Totals): Totals => ({ companies: f.companies, jobs: f.jobs, amountEur: f.amountEur });

function nonEmpty(rec: Record<string, TerritoryFigures>): Record<string, Totals> {
  const out: Record<string, Totals> = {};
  for (const code of Object.keys(rec).sort()) if (rec[code].companies >= 1) out[code] = pickTotals(rec[code]);
  return out;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (!args.file) fail('indiquez le fichier à vérifier (voir --help)', args.json);
  let geo: ReturnType<typeof loadGeodata>;
  let result: ImportResult;
  try {
    geo = loadGeodata(args.data);
    result = importFundsFile(args.file, geo, args.sheet);
  } catch (e) {
    if (e instanceof CliError) fail(e.message, args.json, e.code);
    throw e;
  }
  const index = geo.index;
  const agg = aggregate(result.dataset.supports, result.dataset.layoffs, index);
  const code = result.valid > 0 ? 0 : 1;

  if (args.json) {
    const out = {
      rows: result.rows,
      valid: result.valid,
      rejected: result.rejected,
      errors: result.errors.map(({ row, field, message }) => ({ row, field, message })),
      totals: pickTotals(agg.totals),
      byCommune: nonEmpty(agg.byCommune),
      byQpv: nonEmpty(agg.byQpv),
      rural: pickTotals(agg.rural),
      urban: pickTotals(agg.urban),
      warnings: result.warnings,
      format: result.format,
      encoding: result.encoding,
      delimiter: result.delimiter,
      sheet: result.sheet ?? null,
      mapping: result.mapping,
      unrecognisedColumns: result.unrecognisedColumns,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    process.exit(code);
  }

  const names = new Map(index.communes.map((c) => [c.code, c.nom]));
  const lines: string[] = [];
  const fmtEur = (n: number) => `${formatFr(n)} €`;
  const plural = (n: number, word: string) => `${formatFr(n)} ${word}${n > 1 ? 's' : ''}`;
  const figures = (f: Totals) => `${plural(f.companies, 'entreprise')}, ${plural(f.jobs, 'emploi')}, ${fmtEur(f.amountEur)}`;
  lines.push(`Fichier : ${args.file}${result.sheet ? ` (feuille « ${result.sheet} »)` : ''}`);
  const enc = result.encoding ? `, encodage ${result.encoding}` : '';
  const delim = result.delimiter ? `, séparateur « ${result.delimiter === '\t' ? 'tabulation' : result.delimiter} »` : '';
  lines.push(`Format : ${result.format.toUpperCase()}${enc}${delim}`);
  lines.push(
    `Colonnes reconnues : ${Object.entries(result.mapping)
      .map(([f, h]) => `${h} → ${FIELD_LABELS[f as ColumnField]}`)
      .join(', ')}`,
  );
  if (result.unrecognisedColumns.length) lines.push(`Colonnes non reconnues : ${result.unrecognisedColumns.join(', ')}`);
  lines.push('');
  lines.push(`Lignes lues : ${result.rows} — valides : ${result.valid} — refusées : ${result.rejected}`);
  if (result.errors.length) {
    lines.push('');
    lines.push(`Erreurs (${result.errors.length}) :`);
    for (const e of result.errors.slice(0, 20)) lines.push(`  ligne ${e.row} — ${e.field} : ${e.message}`);
    if (result.errors.length > 20) lines.push(`  … et ${result.errors.length - 20} autres`);
  }
  if (result.warnings.length) {
    lines.push('');
    lines.push(`Avertissements (${result.warnings.length}) :`);
    for (const w of result.warnings.slice(0, 10)) {
      lines.push(`  ${w.row === 0 ? 'fichier' : `ligne ${w.row}`} — ${w.field} : ${w.message}`);
    }
    if (result.warnings.length > 10) lines.push(`  … et ${result.warnings.length - 10} autres`);
  }
  lines.push('');
  lines.push(
    `Totaux : ${figures(agg.totals)}`,
  );
  lines.push(
    `Rural : ${figures(agg.rural)} — urbain : ${figures(agg.urban)}`,
  );
  const top = Object.entries(agg.byCommune)
    .filter(([, f]) => f.companies > 0)
    .sort((a, b) => b[1].companies - a[1].companies || b[1].amountEur - a[1].amountEur)
    .slice(0, 10);
  if (top.length) {
    lines.push('');
    lines.push('Principales communes :');
    for (const [c, f] of top) {
      lines.push(`  ${names.get(c) ?? c} (${c}) : ${figures(f)}`);
    }
  }
  const qpvs = Object.values(agg.byQpv).filter((f) => f.companies > 0).length;
  lines.push('');
  lines.push(`QPV concernés : ${qpvs}`);
  if (code === 1) lines.push('Aucune ligne valide : corrigez les erreurs ci-dessus.');
  process.stdout.write(lines.join('\n') + '\n');
  process.exit(code);
}

main();
