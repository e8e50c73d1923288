import { describe, expect, it } from 'vitest';
import type { ConsumerId, PeerId } from '../../../../src-common/ids';
import { Participants, type RemoteParticipant } from './Participants';
import { isMuted, remoteTrackRef } from './trackRef';

const isMicMuted = (p: RemoteParticipant): boolean => isMuted(remoteTrackRef(p, 'microphone'));
const isCameraOff = (p: RemoteParticipant): boolean => isMuted(remoteTrackRef(p, 'camera'));

const alice = 'p-alice' as PeerId;
const bob = 'p-bob' as PeerId;
const fakeTrack = { id: 't1', kind: 'audio' } as MediaStreamTrack;
const received = { track: fakeTrack, consumerId: 'c1' as ConsumerId };

function tracked(): { participants: Participants; latest: () => RemoteParticipant[]; publishes: () => number } {
  let list: RemoteParticipant[] = [];
  let count = 0;
  const participants = new Participants((next) => {
    list = next;
    count++;
  });
  return { participants, latest: () => list, publishes: () => count };
}

describe('Participants', () => {
  it('keeps join order and ignores a duplicate join', () => {
    const { participants, latest } = tracked();
    participants.add(alice, 'Alice');
    participants.add(bob, 'Bob');
    participants.add(alice, 'Alice again');
    expect(latest().map((p) => p.displayName)).toEqual(['Alice', 'Bob']);
  });

  it('counts a participant without a microphone producer as muted, and a paused one too', () => {
    const { participants, latest } = tracked();
    participants.add(alice, 'Alice');
    expect(isMicMuted(latest()[0]!)).toBe(true);
    participants.setPublished(alice, 'microphone', { paused: false });
    expect(isMicMuted(latest()[0]!)).toBe(false);
    participants.setPublished(alice, 'microphone', { paused: true });
    expect(isMicMuted(latest()[0]!)).toBe(true);
    expect(isCameraOff(latest()[0]!)).toBe(true);
  });

  it('sets and clears tracks, publishing a new list each time', () => {
    const { participants, latest, publishes } = tracked();
    participants.add(alice, 'Alice');
    const before = latest();
    participants.setTrack(alice, 'microphone', received);
    expect(latest()).not.toBe(before);
    expect(latest()[0]!.tracks.microphone).toBe(fakeTrack);
    expect(latest()[0]!.consumerIds.microphone).toBe('c1');
    participants.setTrack(alice, 'microphone', null);
    expect(latest()[0]!.tracks.microphone).toBeUndefined();
    expect(latest()[0]!.consumerIds.microphone).toBeUndefined();
    expect(publishes()).toBe(3);
  });

  it('ignores changes for someone who already left', () => {
    const { participants, latest, publishes } = tracked();
    participants.add(alice, 'Alice');
    participants.remove(alice);
    const count = publishes();
    participants.setTrack(alice, 'camera', received);
    participants.remove(alice);
    expect(latest()).toEqual([]);
    expect(publishes()).toBe(count);
  });

  it('keeps each participant’s role as the server decides it, and a role change publishes a new list', () => {
    const { participants, latest, publishes } = tracked();
    participants.add(alice, 'Alice', { role: 'host' });
    participants.add(bob, 'Bob');
    const before = publishes();
    participants.setRole(bob, 'cohost');
    participants.setRole('p-nobody' as PeerId, 'cohost');
    expect(latest().map((p) => [p.displayName, p.role])).toEqual([
      ['Alice', 'host'],
      ['Bob', 'cohost'],
    ]);
    expect(publishes()).toBe(before + 1);
  });
});
