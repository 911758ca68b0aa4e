// IndexedDB persistence of the imported dataset (fake-indexeddb) and the notification between tabs.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Dataset, Support } from '../../src/lib/domain/types.ts';
import {
  CorruptStoreError,
  DB_NAME,
  FORMAT_VERSION,
  KEY,
  STORE,
  clearImported,
  loadImported,
  readRevision,
  saveImported,
} from '../../src/lib/state/persist.ts';
import { createTabChannel, type TabChange } from '../../src/lib/state/tabs.ts';

function support(id: string, companyName = `Entreprise ${id}`): Support {
  return {
    id, companyName, siret: null, naf: null, sector: null, sizeBand: 'inconnue', fund: 'ampa', amountEur: 1000, jobsPlanned: null,
    jobsAchieved: 2, date: '2023-01-01', address: null, location: [5.57, 43.3], precision: 'commune', communeCode: '13005',
    arrondissementCode: null, qpvCode: null, qpvSource: null, isMicroEntrepreneur: false,
  };
}

function dataset(label: string, n = 2): Dataset {
  return { kind: 'import', label, createdAt: '2025-01-01T00:00:00.000Z', supports: Array.from({ length: n }, (_, i) => support(String(i + 2))), layoffs: [] };
}

/** Writes a raw value under the import key (a damaged or foreign record). */
function putRaw(idb: IDBFactory, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(value, KEY);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('persist (IndexedDB)', () => {
  it('round trip: save then load gives the same dataset, file name, date and revision', async () => {
    const idb = new IDBFactory();
    expect(await loadImported(idb)).toBeNull();
    expect(await readRevision(idb)).toBe(0);
    const d = dataset('aides.csv');
    d.supports[0].companyName = '<img src=x onerror="window.__pwned=1">';
    const saved = await saveImported(idb, d, 'aides.csv');
    expect(saved.revision).toBe(1);
    expect(Date.parse(saved.savedAt)).not.toBeNaN();
    const back = await loadImported(idb);
    expect(back).toMatchObject({ dataset: d, fileName: 'aides.csv', savedAt: saved.savedAt, revision: 1 });
    expect(await readRevision(idb)).toBe(1);
  });

  it('every save and clear bumps the revision; clear removes the import', async () => {
    const idb = new IDBFactory();
    await saveImported(idb, dataset('a.csv'), 'a.csv');
    const second = await saveImported(idb, dataset('b.csv', 3), 'b.csv');
    expect(second.revision).toBe(2);
    expect((await loadImported(idb))?.fileName).toBe('b.csv');
    await clearImported(idb);
    expect(await loadImported(idb)).toBeNull();
    expect(await readRevision(idb)).toBe(3);
    expect((await saveImported(idb, dataset('c.csv'), 'c.csv')).revision).toBe(4);
    await clearImported(new IDBFactory()); // clearing an empty store is fine
  });

  it('a record written before revisions existed still loads (revision 0)', async () => {
    const idb = new IDBFactory();
    const d = dataset('ancien.csv');
    await putRaw(idb, { formatVersion: FORMAT_VERSION, savedAt: '2024-05-01T10:00:00.000Z', fileName: 'ancien.csv', dataset: d });
    expect(await loadImported(idb)).toMatchObject({ dataset: d, fileName: 'ancien.csv', savedAt: '2024-05-01T10:00:00.000Z', revision: 0 });
  });

  it('corrupted records: CorruptStoreError with a French message, never a crash', async () => {
    const good = { formatVersion: FORMAT_VERSION, savedAt: '2024-05-01T10:00:00.000Z', fileName: 'x.csv', dataset: dataset('x.csv') };
    const broken: [string, unknown][] = [
      ['wrong formatVersion', { ...good, formatVersion: 99 }],
      ['no formatVersion', { savedAt: good.savedAt, fileName: 'x.csv', dataset: good.dataset }],
      ['no dataset', { ...good, dataset: undefined }],
      ['no file name', { ...good, fileName: undefined }],
      ['supports not an array', { ...good, dataset: { ...good.dataset, supports: 'many' } }],
      ['support without location', { ...good, dataset: { ...good.dataset, supports: [{ ...support('2'), location: undefined }] } }],
      ['support with NaN coordinates', { ...good, dataset: { ...good.dataset, supports: [{ ...support('2'), location: [NaN, 43] }] } }],
      ['support with a text amount', { ...good, dataset: { ...good.dataset, supports: [{ ...support('2'), amountEur: '1000' }] } }],
      ['null support', { ...good, dataset: { ...good.dataset, supports: [null] } }],
      ['unknown kind', { ...good, dataset: { ...good.dataset, kind: 'autre' } }],
      ['a string', 'garbage'],
      ['a number', 42],
      ['null', null],
      ['an array', [1, 2, 3]],
      ['bytes', new Uint8Array([1, 2, 3])],
    ];
    for (const [what, value] of broken) {
      const idb = new IDBFactory();
      await putRaw(idb, value);
      const err = await loadImported(idb).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, what).toBeInstanceOf(CorruptStoreError);
      expect((err as Error).message, what).toBe('Les données importées enregistrées sur ce poste sont illisibles ou endommagées.');
      // Clearing recovers from a damaged store; saving over it works too.
      await clearImported(idb);
      expect(await loadImported(idb), what).toBeNull();
    }
  });

  it('two tabs saving at the same time: two revisions, one complete record (never a mix)', async () => {
    const idb = new IDBFactory();
    const a = dataset('onglet-a.csv', 5);
    const b = dataset('onglet-b.csv', 7);
    const [ra, rb] = await Promise.all([saveImported(idb, a, 'onglet-a.csv'), saveImported(idb, b, 'onglet-b.csv')]);
    expect(new Set([ra.revision, rb.revision])).toEqual(new Set([1, 2]));
    const back = (await loadImported(idb))!;
    const winner = ra.revision > rb.revision ? { d: a, f: 'onglet-a.csv', r: ra } : { d: b, f: 'onglet-b.csv', r: rb };
    expect(back).toMatchObject({ dataset: winner.d, fileName: winner.f, savedAt: winner.r.savedAt, revision: 2 });
    expect(back.files.map((f) => f.fileName)).toEqual([winner.f]);
    // The tab that saved first sees that the store moved on.
    const loser = ra.revision < rb.revision ? ra : rb;
    expect(await readRevision(idb)).not.toBe(loser.revision);
  });
});

describe('several imported files', () => {
  it('stores the files with the merged dataset and reads them back; older records read as one file', async () => {
    const idb = new IDBFactory();
    const a = dataset('ampa.csv', 2);
    const b = dataset('adie.csv', 3);
    const files = [
      { fileName: 'ampa.csv', dataset: a, rows: 3, rejected: 1 },
      { fileName: 'adie.csv', dataset: b, rows: 3, rejected: 0, rowWord: 'ligne' as const },
    ];
    await saveImported(idb, { ...a, supports: [...a.supports, ...b.supports] }, '2 fichiers', files);
    const back = (await loadImported(idb))!;
    expect(back.files).toEqual(files);
    expect(back.dataset.supports).toHaveLength(5);
    await saveImported(idb, a, 'ampa.csv');
    expect((await loadImported(idb))!.files).toEqual([{ fileName: 'ampa.csv', dataset: a, rows: 2, rejected: 0 }]);
  });
});

describe('tabs (BroadcastChannel)', () => {
  const nextMessage = (tab: ReturnType<typeof createTabChannel>) =>
    new Promise<TabChange>((resolve) => {
      const off = tab.onChange((c) => {
        off();
        resolve(c);
      });
    });

  it('a change in one tab is announced to the other tabs, not to itself', async () => {
    const name = `test-${Math.random()}`;
    const first = createTabChannel(name);
    const second = createTabChannel(name);
    const own: TabChange[] = [];
    const offOwn = first.onChange((c) => own.push(c));
    const received = nextMessage(second);
    first.notify({ kind: 'import', revision: 3 });
    const msg = await received;
    expect(msg).toMatchObject({ kind: 'import', revision: 3 });
    expect(typeof msg.from).toBe('string');

    const back = nextMessage(first);
    second.notify({ kind: 'demo' });
    expect(await back).toMatchObject({ kind: 'demo' });
    await new Promise((r) => setTimeout(r, 20));
    expect(own.filter((c) => c.kind === 'import')).toEqual([]); // its own import was not echoed
    offOwn();
    first.close();
    second.close();
  });

  it('ignores foreign messages on the channel and works without BroadcastChannel', async () => {
    const name = `test-${Math.random()}`;
    const tab = createTabChannel(name);
    const got: TabChange[] = [];
    tab.onChange((c) => got.push(c));
    const raw = new BroadcastChannel(name);
    raw.postMessage('<script>');
    raw.postMessage({ kind: 'rm -rf', from: 'x' });
    raw.postMessage({ kind: 'import', from: 'autre', revision: 5 });
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual([{ kind: 'import', from: 'autre', revision: 5 }]);
    raw.close();
    tab.close();

    const saved = globalThis.BroadcastChannel;
    try {
      // @ts-expect-error simulate an environment without BroadcastChannel
      delete globalThis.BroadcastChannel;
      const none = createTabChannel(name);
      none.notify({ kind: 'import' });
      expect(typeof none.onChange(() => {})).toBe('function');
      none.close();
    } finally {
      globalThis.BroadcastChannel = saved;
    }
  });
});
