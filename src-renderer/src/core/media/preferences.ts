/**
 * Where the media preferences live: the browser's localStorage for guests, the main process
 * (through the bridge) in the desktop app. Either way unknown or malformed stored values fall
 * back to defaults field by field (parseStoredPreferences, shared with main).
 */
import type { DevicesService } from '../../../../src-common/ipc/devices';
import { defaultPreferences, parseStoredPreferences, type MediaPreferences } from '../../../../src-common/ipc/devices';

export { defaultPreferences, type MediaPreferences };

export interface PreferenceStore {
  load(): Promise<MediaPreferences>;
  /** Saves in the background; a failure is logged, never thrown at the UI. */
  save(prefs: MediaPreferences): void;
}

const KEY = 'parley.media-preferences';

export function loadPreferences(storage: Storage | undefined): MediaPreferences {
  try {
    return parseStoredPreferences(JSON.parse(storage?.getItem(KEY) ?? 'null'));
  } catch {
    return { ...defaultPreferences };
  }
}

export function savePreferences(storage: Storage | undefined, prefs: MediaPreferences): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch (error) {
    console.warn('saving preferences failed', error);
  }
}

/** The browser build's store. */
export function localStorageStore(storage: Storage | undefined): PreferenceStore {
  return {
    load: async () => loadPreferences(storage),
    save: (prefs) => savePreferences(storage, prefs),
  };
}

/** The desktop app's store: main keeps the choices across restarts. */
export function bridgeStore(devices: DevicesService): PreferenceStore {
  // Saves go out in order, so the last choice is the one that sticks.
  let queue = Promise.resolve();
  return {
    load: async () => {
      try {
        return await devices.getPreferences({});
      } catch (error) {
        console.warn('loading preferences from the app failed; using defaults', error);
        return { ...defaultPreferences };
      }
    },
    save: (prefs) => {
      queue = queue
        .then(() => devices.setPreferences(prefs))
        .catch((error: unknown) => console.warn('saving preferences in the app failed', error));
    },
  };
}
