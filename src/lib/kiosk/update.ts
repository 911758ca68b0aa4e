// When the kiosk picks up a newly deployed published dataset (a new service worker). Pure.
//
// - At each idle reset the kiosk asks its service worker registration to look for an update.
// - A new service worker that takes control means new data is cached: the kiosk reloads onto it,
//   but only while nobody uses it — right away when it is still idle since the last reset, else
//   at the next reset. Never in the middle of a visitor's session.
// - The first service worker of a fresh kiosk also takes control: that is no new data (the page
//   already shows what it cached), so it is ignored.

export interface UpdateState {
  /** A service worker controlled the page already (the next takeover is an update). */
  controlled: boolean;
  /** New data is cached and waits for a reload. */
  ready: boolean;
  /** An idle reset happened and no visitor touched the screen since. */
  idleSinceReset: boolean;
}

export type UpdateEvent = { type: 'reset' } | { type: 'input' } | { type: 'takeover' };

export interface UpdateOutput {
  state: UpdateState;
  /** Ask the service worker registration to update (after a reset). */
  check: boolean;
  /** Reload the page now. */
  reload: boolean;
}

export const initialUpdateState = (controlled: boolean): UpdateState => ({ controlled, ready: false, idleSinceReset: false });

export function updateStep(s: UpdateState, e: UpdateEvent): UpdateOutput {
  switch (e.type) {
    case 'reset':
      if (s.ready) return { state: { ...s, idleSinceReset: true }, check: false, reload: true };
      return { state: { ...s, idleSinceReset: true }, check: true, reload: false };
    case 'input':
      return { state: s.idleSinceReset ? { ...s, idleSinceReset: false } : s, check: false, reload: false };
    case 'takeover': {
      if (!s.controlled) return { state: { ...s, controlled: true }, check: false, reload: false };
      const state = { ...s, ready: true };
      return { state, check: false, reload: s.idleSinceReset };
    }
  }
}
