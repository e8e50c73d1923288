import { describe, expect, it, vi } from 'vitest';
import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import type { PeerId, ProducerId, TransportId } from '../../../../src-common/ids';
import type { PeerInfo, ResponseData } from '../../../../src-common/protocol';
import { Participants } from '../media/Participants';
import { isRefusal, reconcileRoom, restartIce, tokenVerdict } from './resume';

const p = (id: string) => id as PeerId;
const peer = (id: string, extra: Partial<PeerInfo> = {}): PeerInfo => ({ peerId: p(id), displayName: id, role: 'participant', producers: [], ...extra });

function snapshot(peers: PeerInfo[], wanted: ResponseData['resume']['producerLayersWanted'] = []): ResponseData['resume'] {
  return { peerId: p('me'), role: 'host', sessionToken: 't', peers, activeSpeakerId: null, transportIds: [], producerLayersWanted: wanted };
}

describe('reconciling the room after a resume', () => {
  it('removes who left, adds who came, marks who is reconnecting and updates everyone’s producers', () => {
    const participants = new Participants(() => undefined);
    participants.add(p('stayed'), 'stayed');
    participants.add(p('left'), 'left');
    const events: string[] = [];
    const subscriber = { reconcile: vi.fn() };
    const publisher = { setWanted: vi.fn() };
    const mic = { producerId: 'mic' as ProducerId, kind: 'audio' as const, source: 'microphone' as const, paused: true };
    reconcileRoom(snapshot([peer('stayed', { reconnecting: true, producers: [mic] }), peer('came')], [{ producerId: 'cam' as ProducerId, spatialLayer: 1 }]), {
      participants,
      subscriber,
      publisher,
      addPeer: (info) => events.push(`joined ${info.peerId}`),
      removePeer: (id) => events.push(`left ${id}`),
    });
    expect(events).toEqual(['left left', 'joined came']);
    expect(participants.list().find((x) => x.peerId === 'stayed')?.reconnecting).toBe(true);
    expect(subscriber.reconcile).toHaveBeenCalledWith('stayed', [mic]);
    expect(publisher.setWanted).toHaveBeenCalledWith('cam', 1);
  });
});

describe('restarting ICE after a resume', () => {
  it('restarts every transport with fresh parameters from the server', async () => {
    const request = vi.fn(async () => ({ iceParameters: { usernameFragment: 'u', password: 'p', iceLite: true } }));
    const transports = ['send', 'recv'].map((id) => ({ id, restartIce: vi.fn(async () => undefined) }));
    await restartIce({ request } as never, transports, ['send', 'recv'] as TransportId[]);
    expect(request.mock.calls).toEqual([['restartIce', { transportId: 'send' }], ['restartIce', { transportId: 'recv' }]]);
    for (const t of transports) expect(t.restartIce).toHaveBeenCalledWith({ iceParameters: { usernameFragment: 'u', password: 'p', iceLite: true } });
  });

  it('is refused (so the client joins afresh) when the server no longer has a transport', async () => {
    const error = await restartIce({ request: vi.fn() } as never, [{ id: 'gone', restartIce: vi.fn() }], []).catch((e: unknown) => e);
    expect(isRefusal(error)).toBe(true);
    expect(isRefusal(new ParleyError(ErrorCode.Timeout, 'slow'))).toBe(false);
    expect(isRefusal(new ParleyError(ErrorCode.Unauthorized, 'new keys'))).toBe(true);
  });
});

describe('what a refused session token means', () => {
  it.each([
    [new ParleyError(ErrorCode.Unauthorized, 'you were removed', ErrorReason.Removed), 'removed'],
    // The wording no longer decides: a removal worded differently is still a removal...
    [new ParleyError(ErrorCode.Unauthorized, 'a moderator asked you to leave', ErrorReason.Removed), 'removed'],
    // ...and text that mentions "removed" without the reason is not one.
    [new ParleyError(ErrorCode.Unauthorized, 'the token was removed from the cache', ErrorReason.Expired), 'stale'],
    [new ParleyError(ErrorCode.Unauthorized, 'x', ErrorReason.InvalidToken), 'stale'],
    // No reason (a server older than reasons) may be a removal: nothing automatic is done with it.
    [new ParleyError(ErrorCode.Unauthorized, 'x'), 'other'],
    [new ParleyError(ErrorCode.MeetingEnded, 'x', ErrorReason.Ended), 'ended'],
    [new ParleyError(ErrorCode.NotFound, 'x', ErrorReason.SessionGone), 'other'],
    [new Error('removed'), 'other'],
  ])('reads %s as %s', (error, verdict) => {
    expect(tokenVerdict(error)).toBe(verdict);
  });
});
