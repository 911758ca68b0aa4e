// Keeps the user's imported dataset in IndexedDB so that a reload keeps it. Nothing leaves the
// machine. The IDBFactory is a parameter so that tests run in Node with fake-indexeddb.

import type { Dataset } from '../domain/types.ts';

const DB_NAME = 'carte-fonds-revitalisation-13';
const STORE = 'datasets';
const KEY = 'imported';
const FORMAT_VERSION = 1;

interface StoredRecord {
  formatVersion: number;
  savedAt: string;
  fileName: string;
  dataset: Dataset;
}

export class CorruptStoreError extends Error {}

function openDb(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB indisponible'));
  });
}

function run<T>(idb: IDBFactory, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return openDb(idb).then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = op(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result as T);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('Transaction IndexedDB interrompue'));
        };
      }),
  );
}

/** Checks the shape of what was read back, so a damaged store is reported instead of crashing the app. */
function isDataset(d: unknown): d is Dataset {
  const x = d as Dataset;
  return !!x && (x.kind === 'import' || x.kind === 'demo') && Array.isArray(x.supports) && Array.isArray(x.layoffs) &&
    x.supports.every((s) => s && typeof s.id === 'string' && typeof s.companyName === 'string' && Array.isArray(s.location) && typeof s.communeCode === 'string');
}

export async function saveImported(idb: IDBFactory, dataset: Dataset, fileName: string): Promise<void> {
  const record: StoredRecord = { formatVersion: FORMAT_VERSION, savedAt: new Date().toISOString(), fileName, dataset };
  await run(idb, 'readwrite', (s) => s.put(record, KEY));
}

/** The stored import, or null when there is none. Throws CorruptStoreError when it cannot be read back. */
export async function loadImported(idb: IDBFactory): Promise<{ dataset: Dataset; fileName: string; savedAt: string } | null> {
  const rec = await run<StoredRecord | undefined>(idb, 'readonly', (s) => s.get(KEY));
  if (rec === undefined) return null;
  if (!rec || rec.formatVersion !== FORMAT_VERSION || !isDataset(rec.dataset)) {
    throw new CorruptStoreError('Les données importées enregistrées sur ce poste sont illisibles ou endommagées.');
  }
  return { dataset: rec.dataset, fileName: rec.fileName, savedAt: rec.savedAt };
}

export async function clearImported(idb: IDBFactory): Promise<void> {
  await run(idb, 'readwrite', (s) => s.delete(KEY));
}
