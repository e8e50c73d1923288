import { describe, expect, it } from 'vitest';
import { displayNameSchema, normalizeDisplayName } from './validation';

describe('display names', () => {
  it('strip bidi controls and zero-width characters, and collapse spaces', () => {
    expect(normalizeDisplayName('\u202eAda\u202c  \u200bLovelace')).toBe('Ada Lovelace');
    expect(displayNameSchema.parse('  Zoë\u2066 \u00a0 Hart ')).toBe('Zoë Hart');
  });

  it('refuse names that are empty once invisible characters are gone', () => {
    for (const name of ['\u200b\u200b', '\u202e\u2066', '   ', '\ufeff \u00ad']) {
      expect(displayNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });

  it('still refuse control characters and names over 64 characters', () => {
    expect(displayNameSchema.safeParse('Ada\u0007').success).toBe(false);
    expect(displayNameSchema.safeParse('x'.repeat(65)).success).toBe(false);
    expect(displayNameSchema.safeParse('李小龍 🎉').success).toBe(true);
  });
});
