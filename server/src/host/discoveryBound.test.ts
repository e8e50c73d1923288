/** The nearby-meetings list is bounded: announcements are unauthenticated and anyone can flood them. */
import { describe, expect, it } from 'vitest';
import { noteAnnouncement, type DiscoveredMeeting } from './discovery';

const meeting = (id: string, name = id): DiscoveredMeeting =>
  ({ id, name, code: 'abcd-efgh', fingerprint: 'AA', server: 'https://192.0.2.1:8443', version: '1' }) as unknown as DiscoveredMeeting;

describe('the nearby-meetings list under a flood of announcements', () => {
  it('lists new meetings up to its bound, then drops new ones and keeps updating the listed ones', () => {
    const found = new Map<string, DiscoveredMeeting>();
    for (let i = 0; i < 5; i++) expect(noteAnnouncement(found, `m${i}`, meeting(`m${i}`), 3)).toBe(i < 3);
    expect([...found.keys()]).toEqual(['m0', 'm1', 'm2']);
    expect(noteAnnouncement(found, 'm1', meeting('m1', 'renamed'), 3)).toBe(true);
    expect(found.get('m1')?.name).toBe('renamed');
    // One goes away: room for a newcomer again.
    expect(noteAnnouncement(found, 'm0', null, 3)).toBe(true);
    expect(noteAnnouncement(found, 'm9', meeting('m9'), 3)).toBe(true);
    expect(found.size).toBe(3);
  });

  it('bounds by default at what the renderer takes', () => {
    const found = new Map<string, DiscoveredMeeting>();
    for (let i = 0; i < 1000; i++) noteAnnouncement(found, `m${i}`, meeting(`m${i}`));
    expect(found.size).toBe(200);
  });
});
