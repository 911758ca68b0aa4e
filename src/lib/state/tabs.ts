// Notifies the app's other tabs (same browser, same origin) that the imported data changed, so
// that they can offer to reload instead of showing stale data or overwriting newer data.
// BroadcastChannel only: nothing leaves the browser. Without BroadcastChannel, a no-op.

export const TAB_CHANNEL = 'carte-fonds-13';

/** What another tab did: imported a file, or went back to the demo data. */
export interface TabChange {
  kind: 'import' | 'demo';
  /** Revision of the store after the change (persist.ts), when known. */
  revision?: number;
  /** Identifier of the sending tab (never equal to this tab's). */
  from: string;
}

export const OTHER_TAB_MESSAGE = 'Les données importées ont été modifiées dans un autre onglet — recharger ?';

export interface TabChannel {
  notify(change: Omit<TabChange, 'from'>): void;
  onChange(cb: (change: TabChange) => void): () => void;
  close(): void;
}

function isTabChange(d: unknown): d is TabChange {
  const x = d as TabChange;
  return !!x && typeof x === 'object' && (x.kind === 'import' || x.kind === 'demo') && typeof x.from === 'string' &&
    (x.revision === undefined || typeof x.revision === 'number');
}

/**
 * One channel endpoint. A tab uses a single endpoint for sending and receiving: BroadcastChannel
 * does not deliver a message to the object that posted it, and the `from` id is checked too.
 */
export function createTabChannel(name = TAB_CHANNEL): TabChannel {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
  const listeners = new Set<(c: TabChange) => void>();
  if (channel) {
    channel.onmessage = (e: MessageEvent) => {
      if (!isTabChange(e.data) || e.data.from === id) return;
      for (const cb of [...listeners]) cb(e.data);
    };
  }
  return {
    notify(change) {
      try {
        channel?.postMessage({ ...change, from: id } satisfies TabChange);
      } catch {
        /* channel closed: nothing to tell */
      }
    },
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}

let shared: TabChannel | null = null;
const tab = () => (shared ??= createTabChannel());

/** Tells the other tabs that this tab changed the stored data. */
export function notifyOtherTabs(change: Omit<TabChange, 'from'> = { kind: 'import' }): void {
  tab().notify(change);
}

/**
 * Calls `cb` when another tab changed the stored data (show OTHER_TAB_MESSAGE with a reload
 * button). Returns the unsubscribe function.
 */
export function onOtherTabChange(cb: (change: TabChange) => void): () => void {
  return tab().onChange(cb);
}
