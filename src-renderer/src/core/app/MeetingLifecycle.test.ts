import { describe, expect, it, vi } from 'vitest';
import type { PeerId, RoomId } from '../../../../src-common/ids';
import type { HostedMeeting, HostService } from '../../../../src-common/ipc/host';
import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import { CloseCode } from '../../../../src-common/protocol';
import { Emitter } from '../base/Emitter';
import { Store } from '../base/Store';
import type { LocalMedia } from '../media/LocalMedia';
import type { ScreenShare } from '../media/ScreenShare';
import type { RoomSession } from '../session/RoomSession';
import type { LobbyEvents, SessionEvents, SessionState } from '../session/sessionTypes';
import { MeetingLifecycle, type LifecycleServices } from './MeetingLifecycle';

const room = 'standup' as RoomId;
const hosted = { roomId: room, hostToken: 'host-token', server: 'https://10.0.0.2:8443' } as unknown as HostedMeeting;

/** A session that is in the room; `end` ends it as the real one does (state first, then `ended`). */
function fakeSession() {
  const state = new Store<SessionState>({ status: 'joined', error: null, localPeerId: 'me' as PeerId, participants: [], activeSpeakerId: null, localRole: 'host', closeCode: null });
  const events = new Emitter<SessionEvents>();
  const request = vi.fn(async () => ({ messages: [], hands: [], locked: false, knocks: [], admission: { mode: 'lobby' }, meetingName: 'Standup' }));
  const end = (reason: 'left' | 'failed', error: string | null = null, closeCode: number | null = null): void => {
    state.update((s) => ({ ...s, status: reason, error, closeCode }));
    events.emit('ended', { reason, error });
  };
  const leave = vi.fn(() => end('left'));
  const session = { state, events, lobbyEvents: new Emitter<LobbyEvents>(), request, leave, transportStats: async () => ({ send: null, recv: null }) };
  return { session: session as unknown as RoomSession, end, leave };
}

function setUp(options: { joinFails?: Error } = {}) {
  const made = fakeSession();
  const join = vi.fn(async () => {
    if (options.joinFails) throw options.joinFails;
    return made.session;
  });
  const host = { status: vi.fn(async () => ({ meeting: null })), stop: vi.fn(async () => ({})) } as unknown as HostService;
  const services: LifecycleServices = { history: null, app: null, host };
  const localMedia = { release: vi.fn(), start: vi.fn(async () => {}), setMicMuted: vi.fn(), setCameraOff: vi.fn() } as unknown as LocalMedia;
  const screenShare = { stop: vi.fn() } as unknown as ScreenShare;
  const lifecycle = new MeetingLifecycle(services, { localMedia, screenShare, picker: null, join });
  return { lifecycle, join, host, localMedia, screenShare, ...made };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('a meeting’s lifecycle', () => {
  it('shows why a join failed and stops showing it as joining', async () => {
    const { lifecycle } = setUp({ joinFails: new Error('cannot reach the server') });
    lifecycle.join(room, 'https://sfu.example', 'Ana');
    expect(lifecycle.state.get().joining).toBe(true);
    await settle();
    expect(lifecycle.state.get()).toMatchObject({ joining: false, error: 'cannot reach the server', meeting: null });
  });

  it('shows a removed person whose browser is refused the final page with the server\'s words, cameras off, not the pre-join', async () => {
    const refused = new ParleyError(ErrorCode.Unauthorized, 'You were removed from this meeting, so you cannot join it again from this browser.', ErrorReason.Removed);
    const { lifecycle, localMedia } = setUp({ joinFails: refused });
    lifecycle.join(room, 'https://sfu.example', 'Cai');
    await settle();
    expect(lifecycle.state.get()).toMatchObject({ error: null, finalEnd: { end: 'removed', message: refused.message } });
    expect(localMedia.release).toHaveBeenCalled();
    // Any other refusal stays on the pre-join screen to try again.
    const other = setUp({ joinFails: new ParleyError(ErrorCode.Forbidden, 'the host has locked this meeting', ErrorReason.Locked) });
    other.lifecycle.join(room, 'https://sfu.example', 'Cai');
    await settle();
    expect(other.lifecycle.state.get()).toMatchObject({ error: 'the host has locked this meeting', finalEnd: null });
  });

  it('joins with the host token, and the room this app hosts gets its lobby', async () => {
    const { lifecycle, join } = setUp();
    lifecycle.hosted(hosted);
    lifecycle.join(room, 'https://10.0.0.2:8443', 'Ana', { sessionToken: 'host-token' });
    await settle();
    expect(join).toHaveBeenCalledWith(expect.objectContaining({ roomId: room, displayName: 'Ana', sessionToken: 'host-token', signalingUrl: 'wss://10.0.0.2:8443/ws' }));
    const { meeting } = lifecycle.state.get();
    expect(meeting?.roomId).toBe(room);
    expect(meeting?.lobby).not.toBeNull();
    lifecycle.close();
  });

  it('has no lobby in a meeting entered by invite or in someone else’s room', async () => {
    const { lifecycle } = setUp();
    lifecycle.join(room, 'https://sfu.example', 'Ana', { invited: true });
    await settle();
    expect(lifecycle.state.get().meeting).toMatchObject({ invited: true, lobby: null });
    lifecycle.close();
  });

  it('goes back to the pre-join screen with the error when the session fails, and stops the share', async () => {
    const { lifecycle, end, screenShare, localMedia } = setUp();
    lifecycle.join(room, 'https://sfu.example', 'Ana');
    await settle();
    end('failed', 'The connection to the server was lost and could not be restored.');
    expect(lifecycle.state.get()).toMatchObject({ meeting: null, error: 'The connection to the server was lost and could not be restored.', finalEnd: null });
    expect(screenShare.stop).toHaveBeenCalled();
    expect(localMedia.release).not.toHaveBeenCalled();
  });

  it('says the meeting ended for good, releases the devices and stops hosting a meeting the host ended', async () => {
    const { lifecycle, end, host, localMedia } = setUp();
    lifecycle.hosted(hosted);
    lifecycle.join(room, 'https://10.0.0.2:8443', 'Ana', { sessionToken: 'host-token' });
    await settle();
    end('failed', 'The meeting has ended.', CloseCode.Ended);
    expect(lifecycle.state.get()).toMatchObject({ meeting: null, hosting: null, finalEnd: { end: 'ended', message: 'The meeting has ended.' } });
    expect(host.stop).toHaveBeenCalled();
    expect(localMedia.release).toHaveBeenCalled();
    lifecycle.dismissEnd();
    expect(lifecycle.state.get().finalEnd).toBeNull();
  });

  it('leaves the meeting and stops the host when hosting stops; leaving shows no error', async () => {
    const { lifecycle, host, leave } = setUp();
    lifecycle.hosted(hosted);
    lifecycle.join(room, 'https://10.0.0.2:8443', 'Ana', { sessionToken: 'host-token' });
    await settle();
    lifecycle.stopHosting();
    expect(leave).toHaveBeenCalled();
    expect(host.stop).toHaveBeenCalled();
    expect(lifecycle.state.get()).toMatchObject({ meeting: null, hosting: null, error: null, finalEnd: null });
  });

  it('Leave stops every local track before the session leaves, and offers to rejoin', async () => {
    const { lifecycle, leave, localMedia, screenShare } = setUp();
    const order: string[] = [];
    vi.mocked(localMedia.release).mockImplementation(() => void order.push('release'));
    vi.mocked(screenShare.stop).mockImplementation(() => void order.push('share'));
    leave.mockImplementationOnce(() => void order.push('leave'));
    lifecycle.join(room, 'https://sfu.example', 'Ana');
    await settle();
    lifecycle.leave();
    expect(order.slice(0, 3)).toEqual(['share', 'release', 'leave']);
    // Named as the server names the meeting (a LAN meeting's room id is no name for people).
    expect(lifecycle.state.get().left).toEqual({ roomId: room, server: 'https://sfu.example', displayName: 'Ana', invited: false, sessionToken: null, meetingName: 'Standup' });
  });

  it('Rejoin captures again, then joins the same room under the same name (the host with the host token)', async () => {
    const { lifecycle, join, localMedia } = setUp();
    lifecycle.hosted(hosted);
    lifecycle.join(room, 'https://10.0.0.2:8443', 'Ana', { sessionToken: 'host-token' });
    await settle();
    lifecycle.leave();
    lifecycle.rejoin();
    expect(localMedia.start).toHaveBeenCalledTimes(1);
    expect(lifecycle.state.get().joining).toBe(true);
    await settle();
    await settle();
    expect(join).toHaveBeenCalledTimes(2);
    expect(join).toHaveBeenLastCalledWith(expect.objectContaining({ roomId: room, displayName: 'Ana', sessionToken: 'host-token' }));
    expect(lifecycle.state.get()).toMatchObject({ left: null, meeting: { roomId: room } });
  });

  it('an invited guest’s Rejoin goes back to the invite page (knocking again) with the devices on', async () => {
    const { lifecycle, join, localMedia } = setUp();
    lifecycle.join(room, 'https://10.0.0.2:8443', 'Ana', { invited: true, sessionToken: 'admitted-once' });
    await settle();
    lifecycle.leave();
    lifecycle.rejoin();
    await settle();
    expect(localMedia.start).toHaveBeenCalled();
    expect(join).toHaveBeenCalledTimes(1);
    expect(lifecycle.state.get()).toMatchObject({ left: null, meeting: null, joining: false });
  });

  it('Leave without a meeting does nothing; Home forgets the left meeting', async () => {
    const { lifecycle, localMedia } = setUp();
    lifecycle.leave();
    expect(localMedia.release).not.toHaveBeenCalled();
    lifecycle.join(room, 'https://sfu.example', 'Ana');
    await settle();
    lifecycle.leave();
    lifecycle.dismissLeft();
    expect(lifecycle.state.get().left).toBeNull();
    lifecycle.rejoin();
    expect(localMedia.start).not.toHaveBeenCalled();
  });
});
