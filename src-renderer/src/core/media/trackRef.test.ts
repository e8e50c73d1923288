import { describe, expect, it } from 'vitest';
import type { ConsumerId, PeerId } from '../../../../src-common/ids';
import { Participants, type RemoteParticipant } from './Participants';
import { isMuted, isPlaying, localTrackRef, remoteTrackRef } from './trackRef';

const bob = 'bob' as PeerId;
const track = { id: 't1', kind: 'video' } as unknown as MediaStreamTrack;

function bobWith(apply: (participants: Participants) => void): RemoteParticipant {
  let list: RemoteParticipant[] = [];
  const participants = new Participants((next) => (list = next));
  participants.add(bob, 'Bob');
  apply(participants);
  return list[0]!;
}

describe('one reference per source', () => {
  it('follows a remote camera from published to playing to paused to gone', () => {
    const published = remoteTrackRef(bobWith((p) => p.setPublished(bob, 'camera', { paused: false })), 'camera');
    expect(published).toMatchObject({ key: 'bob:camera', peerId: bob, displayName: 'Bob', isLocal: false, publication: { paused: false }, track: undefined });
    expect(isPlaying(published)).toBe(false);

    const playing = remoteTrackRef(
      bobWith((p) => {
        p.setPublished(bob, 'camera', { paused: false });
        p.setTrack(bob, 'camera', { track, consumerId: 'c1' as ConsumerId });
        p.setLimited('c1' as ConsumerId, 'bandwidth');
      }),
      'camera',
    );
    expect(playing).toMatchObject({ track, consumerId: 'c1', limit: 'bandwidth' });
    expect(isPlaying(playing)).toBe(true);

    const paused = remoteTrackRef(
      bobWith((p) => {
        p.setPublished(bob, 'camera', { paused: true });
        p.setTrack(bob, 'camera', { track, consumerId: 'c1' as ConsumerId });
      }),
      'camera',
    );
    expect(isPlaying(paused)).toBe(false);
    expect(isMuted(paused)).toBe(true);
    expect(remoteTrackRef(bobWith(() => {}), 'microphone')).toMatchObject({ publication: null });
    expect(isMuted(remoteTrackRef(bobWith(() => {}), 'microphone'))).toBe(true);
  });

  it('describes your own sources the same way, without a consumer', () => {
    const own = localTrackRef(null, 'You', 'screen', track, true);
    expect(own).toMatchObject({ key: 'local:screen', isLocal: true, publication: { paused: true }, consumerId: undefined });
    expect(localTrackRef(null, 'You', 'camera', null).publication).toBeNull();
  });
});
