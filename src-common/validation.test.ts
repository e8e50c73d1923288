import { describe, expect, it } from 'vitest';
import { defaultMeetingName, displayNameSchema, MEETING_NAME_MAX, meetingNameSchema, normalizeDisplayName } from './validation';

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

describe('meeting names', () => {
  it('default to the host\'s name, cut so the whole name fits and stays valid', () => {
    expect(defaultMeetingName('Hana')).toBe('Hana\'s meeting');
    expect(defaultMeetingName('  \u202eHana ')).toBe('Hana\'s meeting');
    expect(defaultMeetingName('\u200b')).toBe('Host\'s meeting');
    const long = defaultMeetingName('🎉'.repeat(80));
    expect(long.length).toBeLessThanOrEqual(MEETING_NAME_MAX);
    expect(long).toBe(`${'🎉'.repeat(27)}'s meeting`);
    expect(meetingNameSchema.safeParse(long).success).toBe(true);
    expect(meetingNameSchema.safeParse(defaultMeetingName('x'.repeat(200))).success).toBe(true);
  });

  it('are cleaned and bounded like people\'s names', () => {
    expect(meetingNameSchema.parse('  Design\u200b   review ')).toBe('Design review');
    expect(meetingNameSchema.safeParse('x'.repeat(65)).success).toBe(false);
    expect(meetingNameSchema.safeParse('\u202e').success).toBe(false);
  });
});
