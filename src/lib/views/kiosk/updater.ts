// The kiosk's side of a data update: wires the pure rule (kiosk/update.ts) to the service worker.
// At each idle reset it asks the registration to update; a new worker taking control reloads the
// page onto the new data, only while nobody uses the kiosk. Offline, nothing changes.

import { initialUpdateState, updateStep, type UpdateEvent } from '../../kiosk/update.ts';

export interface KioskUpdater {
  input(): void;
  reset(): void;
  dispose(): void;
}

export function createKioskUpdater(reload: () => void = () => location.reload()): KioskUpdater {
  const sw = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  let state = initialUpdateState(!!sw?.controller);
  const on = (event: UpdateEvent) => {
    const out = updateStep(state, event);
    state = out.state;
    if (out.reload) reload();
    else if (out.check) {
      void sw
        ?.getRegistration()
        .then((r) => r?.update())
        .catch(() => {
          /* offline or no registration: keep the data the kiosk has */
        });
    }
  };
  const onTakeover = () => on({ type: 'takeover' });
  sw?.addEventListener('controllerchange', onTakeover);
  return {
    input: () => on({ type: 'input' }),
    reset: () => on({ type: 'reset' }),
    dispose: () => sw?.removeEventListener('controllerchange', onTakeover),
  };
}
