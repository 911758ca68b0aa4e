// Several files, one dataset: each fund operator sends its own file (AMPA, Airbus Développement,
// ADIE). The files are imported one by one, then merged here; a row of a later file that exactly
// repeats a row of an earlier one (same SIRET, date, amount and fund) is left out and reported,
// the same SIRET with other values in two files is reported and kept.

import type { Dataset, Support } from '../domain/types.ts';
import { formatFr } from '../text/format.ts';

export interface ImportedFile {
  /** File name as imported (unique within the set: importing the same name again replaces it). */
  fileName: string;
  dataset: Dataset;
  /** How the file names its rows (« ligne » / « élément »). */
  rowWord?: 'ligne' | 'élément';
}

export interface CrossFileDuplicate {
  fileName: string;
  row: number;
  otherFile: string;
  otherRow: number;
  /** True: exact duplicate, left out of the merged dataset; false: same SIRET, other values, kept. */
  excluded: boolean;
  message: string;
}

export interface MergedFiles {
  dataset: Dataset;
  /** Rows kept per file (after cross-file duplicates). */
  counts: { fileName: string; supports: number; excluded: number }[];
  duplicates: CrossFileDuplicate[];
}

const rowName = (f: ImportedFile, id: string) => `${f.rowWord === 'élément' ? 'élément' : 'ligne'} ${id}`;

/** Merges imported files into one dataset (ids prefixed by the file's rank when there are several). */
export function mergeImports(files: readonly ImportedFile[], now = new Date()): MergedFiles {
  const supports: Support[] = [];
  const counts: MergedFiles['counts'] = [];
  const duplicates: CrossFileDuplicate[] = [];
  const bySiret = new Map<string, { file: ImportedFile; s: Support }[]>();
  files.forEach((f, k) => {
    let kept = 0;
    let excluded = 0;
    for (const s of f.dataset.supports) {
      let exact: { file: ImportedFile; s: Support } | null = null;
      let other: { file: ImportedFile; s: Support } | null = null;
      if (s.siret) {
        for (const e of bySiret.get(s.siret) ?? []) {
          if (e.s.date === s.date && e.s.amountEur === s.amountEur && e.s.fund === s.fund) exact = e;
          else other ??= e;
        }
      }
      if (exact) {
        excluded++;
        duplicates.push({
          fileName: f.fileName, row: Number(s.id), otherFile: exact.file.fileName, otherRow: Number(exact.s.id), excluded: true,
          message: `doublon de ${exact.file.fileName}, ${rowName(exact.file, exact.s.id)} (même SIRET, date, montant et fonds) : ligne non comptée une seconde fois`,
        });
        continue;
      }
      if (other) {
        duplicates.push({
          fileName: f.fileName, row: Number(s.id), otherFile: other.file.fileName, otherRow: Number(other.s.id), excluded: false,
          message: `même SIRET que ${other.file.fileName}, ${rowName(other.file, other.s.id)} (${other.s.amountEur !== s.amountEur ? `montants ${formatFr(other.s.amountEur)} € et ${formatFr(s.amountEur)} €` : 'date ou fonds différents'}) : les deux lignes sont conservées`,
        });
      }
      supports.push(files.length > 1 ? { ...s, id: `${k + 1}-${s.id}` } : s);
      kept++;
    }
    // Rows of this file become candidates for the next files only (duplicates within a file are the pipeline's).
    for (const s of f.dataset.supports) {
      if (!s.siret) continue;
      const list = bySiret.get(s.siret) ?? [];
      list.push({ file: f, s });
      bySiret.set(s.siret, list);
    }
    counts.push({ fileName: f.fileName, supports: kept, excluded });
  });
  const dataset: Dataset = {
    kind: 'import',
    label: files.length === 1 ? files[0].dataset.label : `${files.length} fichiers : ${files.map((f) => f.fileName).join(', ')}`,
    createdAt: files.length === 1 ? files[0].dataset.createdAt : now.toISOString(),
    supports,
    layoffs: files.flatMap((f) => f.dataset.layoffs),
  };
  return { dataset, counts, duplicates };
}
