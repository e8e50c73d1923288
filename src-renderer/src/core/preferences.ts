/**
 * Device and name preferences for the browser build. (The desktop app keeps them in main through
 * the bridge; see the desktop issue.) Unknown or malformed stored values fall back to defaults.
 */
export interface MediaPreferences {
  displayName: string;
  cameraId: string | undefined;
  microphoneId: string | undefined;
  speakerId: string | undefined;
  micMuted: boolean;
  cameraOff: boolean;
}

const KEY = 'parley.media-preferences';

export const defaultPreferences: MediaPreferences = {
  displayName: '',
  cameraId: undefined,
  microphoneId: undefined,
  speakerId: undefined,
  micMuted: false,
  cameraOff: false,
};

export function loadPreferences(storage: Storage | undefined): MediaPreferences {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { ...defaultPreferences };
    const stored = raw as Record<string, unknown>;
    const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length < 512 ? value : undefined);
    return {
      displayName: text(stored.displayName)?.slice(0, 64) ?? '',
      cameraId: text(stored.cameraId),
      microphoneId: text(stored.microphoneId),
      speakerId: text(stored.speakerId),
      micMuted: stored.micMuted === true,
      cameraOff: stored.cameraOff === true,
    };
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
