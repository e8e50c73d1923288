import { describe, expect, it } from 'vitest';
import { defaultPreferences, loadPreferences, savePreferences } from './preferences';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const storage = (raw?: string): Storage => {
  const s = new MemoryStorage();
  if (raw !== undefined) s.setItem('parley.media-preferences', raw);
  return s as unknown as Storage;
};

describe('media preferences', () => {
  it('round-trips what was saved', () => {
    const s = storage();
    const prefs = { ...defaultPreferences, displayName: 'Ada', cameraId: 'cam-2', micMuted: true };
    savePreferences(s, prefs);
    expect(loadPreferences(s)).toEqual(prefs);
  });

  it.each([
    ['nothing stored', undefined],
    ['not JSON', '{oops'],
    ['JSON null', 'null'],
    ['an array', '[1,2]'],
    ['a number', '42'],
  ])('falls back to defaults when %s', (_label, raw) => {
    expect(loadPreferences(storage(raw))).toEqual(defaultPreferences);
  });

  it('drops fields of the wrong type and caps the name length', () => {
    const raw = JSON.stringify({ displayName: 'x'.repeat(100), cameraId: 7, micMuted: 'yes', cameraOff: true });
    const prefs = loadPreferences(storage(raw));
    expect(prefs.displayName).toHaveLength(64);
    expect(prefs.cameraId).toBeUndefined();
    expect(prefs.micMuted).toBe(false);
    expect(prefs.cameraOff).toBe(true);
  });

  it('works without storage at all (private windows, tests)', () => {
    expect(loadPreferences(undefined)).toEqual(defaultPreferences);
    expect(() => savePreferences(undefined, defaultPreferences)).not.toThrow();
  });
});
