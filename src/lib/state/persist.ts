// Keeps the user's imported dataset in IndexedDB so that a reload keeps it. Nothing leaves the
// machine. The IDBFactory is a parameter so that tests run in Node with fake-indexeddb.
//
// Several tabs may share the store: every write is one whole-record put in one readwrite
// transaction (never a partial update), and carries a `revision` (incremented inside that same
// transaction) and a `savedAt` date, so a tab can tell whether the stored data is still the one it
// shows (readRevision) — see tabs.ts for the notification between tabs.

import type { Dataset } from '../domain/types.ts';

export const DB_NAME = 'carte-fonds-revitalisation-13';
export const STORE = 'datasets';
export const KEY = 'imported';
/** Key of the revision counter (kept when the import is cleared, so revisions never go back). */
const REVISION_KEY = 'revision';
export const FORMAT_VERSION = 1;

/** One imported file of a set (several files, one dataset: one file per fund operator). */
export interface StoredFile {
  fileName: string;
  /** The file's own valid rows (ids = its spreadsheet rows). */
  dataset: Dataset;
  rows: number;
  rejected: number;
  rowWord?: 'ligne' | 'élément';
}

interface StoredRecord {
  formatVersion: number;
  savedAt: string;
  /** Incremented at each write (absent in records written before revisions existed: 0). */
  revision?: number;
  fileName: string;
  /** The merged dataset shown on the map (what every reader of the store uses). */
  dataset: Dataset;
  /** The files it was merged from (absent in records written before several files existed). */
  files?: StoredFile[];
}

export interface StoredImport {
  dataset: Dataset;
  fileName: string;
  savedAt: string;
  revision: number;
  /** The imported files (one entry for records written before several files existed). */
  files: StoredFile[];
}

export class CorruptStoreError extends Error {
  constructor(message = 'Les données importées enregistrées sur ce poste sont illisibles ou endommagées.') {
    super(message);
    this.name = 'CorruptStoreError';
  }
}

function openDb(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it (this connection is short-lived anyway).
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB indisponible'));
    req.onblocked = () => reject(new Error('base de données bloquée par un autre onglet'));
  });
}

/** Runs `op` in one transaction; resolves with its result once the transaction has committed. */
function run<T>(idb: IDBFactory, mode: IDBTransactionMode, op: (s: IDBObjectStore) => () => T): Promise<T> {
  return openDb(idb).then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        let tx: IDBTransaction;
        try {
          tx = db.transaction(STORE, mode);
        } catch (e) {
          db.close();
          reject(e);
          return;
        }
        const result = op(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(result());
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('Transaction IndexedDB interrompue'));
        };
      }),
  );
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks the shape of what was read back, so a damaged store is reported instead of crashing the app. */
function isDataset(d: unknown): d is Dataset {
  const x = d as Dataset;
  return (
    !!x &&
    typeof x === 'object' &&
    (x.kind === 'import' || x.kind === 'demo') &&
    Array.isArray(x.supports) &&
    Array.isArray(x.layoffs) &&
    x.supports.every(
      (s) =>
        !!s &&
        typeof s === 'object' &&
        typeof s.id === 'string' &&
        typeof s.companyName === 'string' &&
        Array.isArray(s.location) &&
        s.location.length === 2 &&
        isFiniteNumber(s.location[0]) &&
        isFiniteNumber(s.location[1]) &&
        typeof s.communeCode === 'string' &&
        typeof s.fund === 'string' &&
        isFiniteNumber(s.amountEur) &&
        typeof s.date === 'string',
    )
  );
}

function isStoredFile(f: unknown): f is StoredFile {
  const x = f as StoredFile;
  return !!x && typeof x === 'object' && typeof x.fileName === 'string' && isFiniteNumber(x.rows) && isFiniteNumber(x.rejected) && isDataset(x.dataset);
}

function isRecord(rec: unknown): rec is StoredRecord {
  const r = rec as StoredRecord;
  return (
    !!r &&
    typeof r === 'object' &&
    r.formatVersion === FORMAT_VERSION &&
    typeof r.fileName === 'string' &&
    typeof r.savedAt === 'string' &&
    (r.revision === undefined || isFiniteNumber(r.revision)) &&
    isDataset(r.dataset) &&
    (r.files === undefined || (Array.isArray(r.files) && r.files.every(isStoredFile)))
  );
}

/**
 * Saves the import (whole record, one transaction) and returns its revision and date. The
 * revision is read and incremented inside the same readwrite transaction, so two tabs saving at
 * the same time get two different revisions and the store holds one complete record.
 */
export async function saveImported(
  idb: IDBFactory,
  dataset: Dataset,
  fileName: string,
  files?: StoredFile[],
): Promise<{ revision: number; savedAt: string }> {
  const savedAt = new Date().toISOString();
  return run(idb, 'readwrite', (s) => {
    let revision = 0;
    const get = s.get(REVISION_KEY);
    get.onsuccess = () => {
      const prev = get.result;
      revision = (isFiniteNumber(prev) ? prev : 0) + 1;
      const record: StoredRecord = { formatVersion: FORMAT_VERSION, savedAt, revision, fileName, dataset };
      if (files) record.files = files;
      s.put(record, KEY);
      s.put(revision, REVISION_KEY);
    };
    return () => ({ revision, savedAt });
  });
}

/** The stored import, or null when there is none. Throws CorruptStoreError when it cannot be read back. */
export async function loadImported(idb: IDBFactory): Promise<StoredImport | null> {
  const rec = await run<unknown>(idb, 'readonly', (s) => {
    const req = s.get(KEY);
    return () => req.result;
  });
  if (rec === undefined) return null;
  if (!isRecord(rec)) throw new CorruptStoreError();
  const files = rec.files ?? [{ fileName: rec.fileName, dataset: rec.dataset, rows: rec.dataset.supports.length, rejected: 0 }];
  return { dataset: rec.dataset, fileName: rec.fileName, savedAt: rec.savedAt, revision: rec.revision ?? 0, files };
}

/**
 * Revision of the stored data (0 when nothing was ever saved). Bumped by every save and clear:
 * a tab compares it with the revision it loaded to know whether another tab changed the data.
 */
export async function readRevision(idb: IDBFactory): Promise<number> {
  const v = await run<unknown>(idb, 'readonly', (s) => {
    const req = s.get(REVISION_KEY);
    return () => req.result;
  });
  return isFiniteNumber(v) ? v : 0;
}

/** Removes the stored import (back to the demo); bumps the revision. */
export async function clearImported(idb: IDBFactory): Promise<void> {
  await run(idb, 'readwrite', (s) => {
    const get = s.get(REVISION_KEY);
    get.onsuccess = () => {
      const prev = get.result;
      s.delete(KEY);
      s.put((isFiniteNumber(prev) ? prev : 0) + 1, REVISION_KEY);
    };
    return () => undefined;
  });
}
