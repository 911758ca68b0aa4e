// Publishes the funds data as a static site, statistical secrecy applied to the data itself.
//   npm run publish-site -- FILE [FILE…] --out DIR [--date AAAA-MM-JJ] [--json]
// FILE: funds files (read with the app's import pipeline, as check-data does), or ONE published
// package (the publication.json that « Préparer la publication » downloads).
// Exit codes: 0 site written; 1 readable files but no valid row (nothing written);
//             2 unreadable file, no recognisable column, invalid package, bad arguments, build failure.

import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PublishSiteError, writePublishedSite } from '../build/published-site.ts';
import type { Dataset, Support } from '../src/lib/domain/types.ts';
import type { TerritoriesIndex } from '../src/lib/geodata/types.ts';
import { buildPublication } from '../src/lib/publication/publish.ts';
import { PackageError, isPublicationPackage, parsePublishedDataset } from '../src/lib/publication/package.ts';
import type { PublishedDataset } from '../src/lib/publication/types.ts';
import { ensureBuild, ensureGeodata } from './ensure-build.ts';
import { CliError, fail, importFundsFile, loadGeodata, parseSheet, readBytes } from './funds-input.ts';
import { fileLines, frenchReport, publishedJson, type FileSummary } from './publish-report.ts';

const HELP = `Publication des données des fonds de revitalisation (site statique, secret statistique appliqué)

Usage : npm run --silent publish-site -- FICHIER [FICHIER…] --out DOSSIER [--date AAAA-MM-JJ] [--json]

  FICHIER           fichiers des fonds (CSV, XLSX, GeoJSON de points), lus comme à l'import de l'application,
                    ou un paquet de publication (publication.json de « Préparer la publication »)
  --out DOSSIER     dossier du site à écrire (vide, ou un site déjà publié qui sera remplacé)
  --date AAAA-MM-JJ date « Données au » (défaut : aujourd'hui ; pour un paquet : sa date)
  --json            affiche un unique objet JSON (lignes, valides, refusées, chiffres publiés par niveau)
  --sheet FEUILLE   feuille des classeurs XLSX (nom ou numéro à partir de 1 ; défaut : la première)
  --data DOSSIER    dossier des couches géographiques (défaut : public/data)
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
  data: string;
  dist?: string;
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
  const valued = ['--out', '--date', '--sheet', '--data', '--dist'];
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
    else if (a === '--sheet') out.sheet = parseSheet(v!);
    else if (a === '--data') out.data = v!;
    else if (a === '--dist') out.dist = v;
    else if (a.startsWith('-')) fail(`option inconnue ${a} (voir --help)`, out.json);
    else out.files.push(a);
  }
  return out;
}

/** Today in France, AAAA-MM-JJ. */
function today(): string {
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** The package inside `bytes`, or null when the file is not one (a funds file). */
function asPackage(file: string, bytes: Uint8Array): PublishedDataset | null {
  if (!/\.json$/i.test(file)) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null; // not JSON: the import pipeline will say why
  }
  if (!isPublicationPackage(value)) return null;
  try {
    return parsePublishedDataset(value);
  } catch (e) {
    if (e instanceof PackageError) throw new CliError(`${file} : ${e.message}`);
    throw e;
  }
}

interface Input {
  publication: PublishedDataset;
  index: TerritoriesIndex;
  files: FileSummary[];
  packageFile: string | null;
}

function readInputs(args: Args, date: string | undefined, log: (line: string) => void): Input | { noValidRow: FileSummary[] } {
  const all = args.files.map((file) => ({ file, bytes: readBytes(file) }));
  const packages = all.map(({ file, bytes }) => asPackage(file, bytes));
  if (resolve(args.data) === join(root, 'public', 'data')) ensureGeodata(root, resolve(args.data), log);
  const geo = loadGeodata(args.data);
  if (packages.some((p) => p !== null)) {
    if (all.length > 1) {
      throw new CliError('un paquet de publication se publie seul : ne le mélangez pas avec des fichiers des fonds');
    }
    const publication = date ? { ...packages[0]!, date } : packages[0]!;
    return { publication, index: geo.index, files: [], packageFile: all[0].file };
  }
  const supports: Support[] = [];
  const files: FileSummary[] = [];
  for (const [i, { file, bytes }] of all.entries()) {
    const r = importFundsFile(file, geo, args.sheet, bytes);
    files.push({ file, rows: r.rows, valid: r.valid, rejected: r.rejected, errors: r.errors });
    // Row ids are spreadsheet lines: prefixed by the file's rank when several files are merged.
    for (const s of r.dataset.supports) supports.push(all.length > 1 ? { ...s, id: `${i + 1}-${s.id}` } : s);
  }
  if (supports.length === 0) return { noValidRow: files };
  const dataset: Dataset = {
    kind: 'import',
    label: files.map((f) => basename(f.file)).join(', '),
    createdAt: new Date().toISOString(),
    supports,
    layoffs: [],
  };
  const sources = files.map((f) => basename(f.file));
  const publication = buildPublication(dataset, geo.index, { date: date ?? today(), sources });
  return { publication, index: geo.index, files, packageFile: null };
}

const totals = (files: FileSummary[]) => ({
  rows: files.reduce((n, f) => n + f.rows, 0),
  valid: files.reduce((n, f) => n + f.valid, 0),
  rejected: files.reduce((n, f) => n + f.rejected, 0),
});

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (args.files.length === 0) fail('indiquez les fichiers à publier (voir --help)', args.json);
  if (!args.out) fail('indiquez le dossier du site avec --out DOSSIER (voir --help)', args.json);
  if (args.date !== undefined && !validDate(args.date)) fail(`date « ${args.date} » invalide : attendu AAAA-MM-JJ`, args.json);
  const log = (line: string) => process.stderr.write(line + '\n');
  try {
    const input = readInputs(args, args.date, log);
    if ('noValidRow' in input) {
      const t = totals(input.noValidRow);
      if (args.json) process.stdout.write(JSON.stringify({ ...t, published: null }) + '\n');
      else {
        const lines = [...fileLines(input.noValidRow), "Aucune ligne valide : rien n'est publié."];
        process.stdout.write(lines.join('\n') + '\n');
      }
      process.exit(1);
    }
    if (!args.dist) ensureBuild(root, log);
    const dist = args.dist ?? join(root, 'dist');
    const site = writePublishedSite(dist, args.out, input.publication, { force: args.force });
    if (args.json) {
      const t = input.packageFile ? { rows: null, valid: null, rejected: null } : totals(input.files);
      const out = { ...t, published: publishedJson(input.publication, input.index) };
      process.stdout.write(JSON.stringify(out) + '\n');
    } else {
      process.stdout.write(
        frenchReport({ ...input, pub: input.publication, outDir: args.out, fileCount: site.files.length }),
      );
    }
    process.exit(0);
  } catch (e) {
    if (e instanceof CliError) fail(e.message, args.json, e.code);
    if (e instanceof PackageError || e instanceof PublishSiteError) fail(e.message, args.json);
    throw e;
  }
}

main();
