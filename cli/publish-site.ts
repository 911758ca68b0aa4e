// Publishes the funds data as a static site, statistical secrecy applied to the data itself.
//   npm run publish-site -- FILE [FILE…] --out DIR [--date AAAA-MM-JJ] [--frame-ancestors ORIGINS] [--json]
// FILE: funds files (read with the app's import pipeline, as check-data does), or ONE published
// package (the publication.json that « Préparer la publication » downloads).
// Exit codes: 0 site written; 1 readable files but no valid row (nothing written);
//             2 unreadable file, no recognisable column, invalid package, bad arguments, build failure.

import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PublishSiteError, writePublishedSite } from '../build/published-site.ts';
import type { FundId } from '../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../src/lib/geodata/types.ts';
import type { ColumnOverrides } from '../src/lib/import/columns.ts';
import { buildPublication } from '../src/lib/publication/publish.ts';
import { PackageError, isPublicationPackage, parsePublishedDataset } from '../src/lib/publication/package.ts';
import type { PublishedDataset } from '../src/lib/publication/types.ts';
import { parseFrameAncestors } from '../scripts/site-headers.mjs';
import { ensureBuild, ensureGeodata } from './ensure-build.ts';
import { CliError, fail } from './cli-error.ts';
import { IMPORT_OPTIONS, MissingGeodataError, applyImportOption, loadImportContext, readDataFiles } from './read-files.ts';
import { fileLines, frenchReport, publishedJson, type FileSummary } from './publish-report.ts';

const HELP = `Publication des données des fonds de revitalisation (site statique, secret statistique appliqué)

Usage : npm run --silent publish-site -- FICHIER [FICHIER…] --out DOSSIER [--date AAAA-MM-JJ] [--json]

  FICHIER           fichiers des fonds (CSV, XLSX, GeoJSON de points), lus comme à l'import de l'application,
                    ou un paquet de publication (publication.json de « Préparer la publication »)
  --out DOSSIER     dossier du site à écrire (vide, ou un site déjà publié qui sera remplacé)
  --date AAAA-MM-JJ date « Données au » (défaut : aujourd'hui ; pour un paquet : sa date)
  --json            affiche un unique objet JSON (lignes, valides, refusées, chiffres publiés par niveau)
  --sheet FEUILLE   feuille des classeurs XLSX (nom ou numéro à partir de 1 ; défaut : la première)
  --fund FONDS      fonds des fichiers sans colonne de fonds : AMPA, Airbus ou Adie
  --map CHAMP=ENTÊTE  colonne à utiliser pour un champ (comme check-data) ; répétable
  --data DOSSIER    dossier des couches géographiques (défaut : public/data)
  --frame-ancestors ORIGINES
                    sites autorisés à afficher le site dans un cadre (fiche commune intégrable), séparés
                    par des espaces ou des virgules, ex. https://www.istres.fr (ou FRAME_ANCESTORS ;
                    défaut : aucun) ; écrits dans _headers et nginx-headers.conf avec les autres en-têtes
  --dist DOSSIER    build de l'application à copier (défaut : dist, reconstruit s'il manque ou est périmé)
  --force           remplace le contenu d'un dossier de sortie non vide qui n'est pas un site publié
  --help            affiche cette aide

Codes de sortie :
  0  site écrit
  1  fichiers lisibles mais aucune ligne valide (rien n'est écrit)
  2  fichier illisible, aucune colonne reconnue, paquet invalide, arguments invalides ou build impossible
`;

const root = resolve(import.meta.dirname, '..');

interface Args {
  files: string[];
  out?: string;
  date?: string;
  json: boolean;
  sheet?: string | number;
  fund?: FundId;
  columns?: ColumnOverrides;
  data: string;
  dist?: string;
  frameAncestors?: string;
  force: boolean;
  help: boolean;
}

function validDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { files: [], json: argv.includes('--json'), data: 'public/data', force: false, help: false };
  const valued = ['--out', '--date', '--data', '--dist', '--frame-ancestors', ...IMPORT_OPTIONS];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && valued.includes(a.slice(0, eq))) [a, v] = [a.slice(0, eq), a.slice(eq + 1)];
    else if (valued.includes(a)) v = argv[++i];
    if (valued.includes(a) && v === undefined) fail(`l'option ${a} attend une valeur`, out.json);
    if (a === '--json') continue;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--force') out.force = true;
    else if (a === '--out') out.out = v;
    else if (a === '--date') out.date = v;
    else if (a === '--data') out.data = v!;
    else if (a === '--dist') out.dist = v;
    else if (a === '--frame-ancestors') out.frameAncestors = v;
    else if ((IMPORT_OPTIONS as readonly string[]).includes(a)) {
      const error = applyImportOption(a, v!, out);
      if (error) fail(error, out.json);
    } else if (a.startsWith('-')) fail(`option inconnue ${a} (voir --help)`, out.json);
    else out.files.push(a);
  }
  return out;
}

/** Today in France, AAAA-MM-JJ. */
function today(): string {
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** The package in `file`, or null when the file is not one (a funds file, or unreadable: the import says why). */
function asPackage(file: string): PublishedDataset | null {
  let value: unknown;
  try {
    // Recognised by its content: a downloaded package may have been renamed.
    const bytes = readFileSync(file);
    if (bytes.subarray(0, 64).toString('utf8').trimStart()[0] !== '{') return null;
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isPublicationPackage(value)) return null;
  try {
    return parsePublishedDataset(value);
  } catch (e) {
    if (e instanceof PackageError) throw new CliError(`${file} : ${e.message}`);
    throw e;
  }
}

interface Counts {
  rows: number;
  valid: number;
  rejected: number;
}

interface Input {
  publication: PublishedDataset;
  index: TerritoriesIndex;
  files: FileSummary[];
  packageFile: string | null;
  /** Rows of the funds files; null for a package. */
  counts: Counts | null;
  /** Rows left out as exact duplicates of a row of another file. */
  duplicates: string[];
}

function readInputs(args: Args, log: (line: string) => void): Input | { noValidRow: FileSummary[] } {
  if (resolve(args.data) === join(root, 'public', 'data')) ensureGeodata(root, resolve(args.data), log);
  const packages = args.files.map(asPackage);
  if (packages.some((p) => p !== null)) {
    if (args.files.length > 1) {
      throw new CliError('un paquet de publication se publie seul : ne le mélangez pas avec des fichiers des fonds');
    }
    const publication = args.date ? { ...packages[0]!, date: args.date } : packages[0]!;
    return { publication, index: loadImportContext(args.data).index, files: [], packageFile: args.files[0], counts: null, duplicates: [] };
  }
  const read = readDataFiles(args.files, { dataDir: args.data, sheet: args.sheet, fund: args.fund, columns: args.columns });
  // Publishing part of the data would publish wrong totals: any unreadable file stops everything.
  for (const f of read.files) if (!f.ok) throw new CliError(args.files.length > 1 ? `${f.file} : ${f.error}` : f.error);
  const files: FileSummary[] = read.files.flatMap((f) =>
    f.ok ? [{ file: f.file, rows: f.result.rows, valid: f.result.valid, rejected: f.result.rejected, errors: f.result.errors }] : [],
  );
  if (read.dataset.supports.length === 0) return { noValidRow: files };
  const sources = files.map((f) => basename(f.file));
  const publication = buildPublication(read.dataset, read.index, { date: args.date ?? today(), sources });
  // As check-data counts them: a row repeated in another file is rejected once.
  const valid = read.dataset.supports.length;
  const sum = (k: 'rows' | 'valid' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
  const counts = { rows: sum('rows'), valid, rejected: sum('rejected') + sum('valid') - valid };
  const duplicates = read.duplicates.map((d) => `${d.fileName}, ligne ${d.row} : ${d.message}`);
  return { publication, index: read.index, files, packageFile: null, counts, duplicates };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (args.files.length === 0) fail('indiquez les fichiers à publier (voir --help)', args.json);
  if (!args.out) fail('indiquez le dossier du site avec --out DOSSIER (voir --help)', args.json);
  if (args.date !== undefined && !validDate(args.date)) fail(`date « ${args.date} » invalide : attendu AAAA-MM-JJ`, args.json);
  // Checked before anything is read or written, by the rule npm start and npm run serve use.
  let frameAncestors: string[] = [];
  try {
    frameAncestors = parseFrameAncestors(args.frameAncestors ?? process.env.FRAME_ANCESTORS);
  } catch (e) {
    fail((e as Error).message, args.json);
  }
  const log = (line: string) => process.stderr.write(line + '\n');
  try {
    const input = readInputs(args, log);
    if ('noValidRow' in input) {
      const sum = (k: 'rows' | 'valid' | 'rejected') => input.noValidRow.reduce((n, f) => n + f[k], 0);
      const t = { rows: sum('rows'), valid: 0, rejected: sum('rejected') };
      if (args.json) process.stdout.write(JSON.stringify({ ...t, published: null }) + '\n');
      else {
        const lines = [...fileLines(input.noValidRow), "Aucune ligne valide : rien n'est publié."];
        process.stdout.write(lines.join('\n') + '\n');
      }
      process.exit(1);
    }
    if (!args.dist) ensureBuild(root, log);
    const dist = args.dist ?? join(root, 'dist');
    const site = writePublishedSite(dist, args.out, input.publication, { force: args.force, frameAncestors });
    if (args.json) {
      const t = input.counts ?? { rows: null, valid: null, rejected: null };
      const out = { ...t, published: publishedJson(input.publication, input.index) };
      process.stdout.write(JSON.stringify(out) + '\n');
    } else {
      process.stdout.write(
        frenchReport({ ...input, pub: input.publication, outDir: args.out, fileCount: site.files.length, frameAncestors }),
      );
    }
    process.exit(0);
  } catch (e) {
    if (e instanceof CliError) fail(e.message, args.json, e.code);
    if (e instanceof MissingGeodataError) fail(e.message, args.json);
    if (e instanceof PackageError || e instanceof PublishSiteError) fail(e.message, args.json);
    throw e;
  }
}

main();
