import { describe, expect, it, vi } from 'vitest';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { Knock, KnockId } from '../../../../src-common/protocol';
import { Emitter } from '../base/Emitter';
import type { LobbyEvents, SessionEvents } from '../session/sessionTypes';
import { Lobby, type LobbySession } from './Lobby';
import type { Requester } from './types';

const knock = (id: string, displayName: string): Knock => ({ knockId: id as KnockId, displayName, since: 1 });

/** A session whose requests answer from `answers` (an Error is thrown) and are recorded. */
function fakeSession(answers: Record<string, unknown> = {}) {
  const calls: Array<[string, unknown]> = [];
  const request = vi.fn(async (method: string, data: unknown) => {
    calls.push([method, data]);
    const answer = answers[method] ?? {};
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as Requester;
  const events = new Emitter<SessionEvents>();
  const session: LobbySession = { lobbyEvents: new Emitter<LobbyEvents>(), events, request };
  return { session, events, calls };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the host’s lobby', () => {
  it('reads who is waiting at once, and again at every reconnection', async () => {
    const { session, events, calls } = fakeSession({ getLobby: { knocks: [knock('k1', 'Gus')], admission: { mode: 'open' }, code: 'ABC' } });
    const lobby = new Lobby(session);
    await settle();
    expect(lobby.state.get()).toEqual({ knocks: [knock('k1', 'Gus')], admission: { mode: 'open' }, problem: null });
    events.emit('connected', { localPeerId: 'me' as never, role: 'host' });
    await settle();
    expect(calls.filter(([method]) => method === 'getLobby')).toHaveLength(2);
    lobby.close();
  });

  it('follows knocks and admission changes from the server, and stops when closed', async () => {
    const { session } = fakeSession({ getLobby: { knocks: [], admission: { mode: 'lobby' }, code: 'ABC' } });
    const lobby = new Lobby(session);
    await settle();
    session.lobbyEvents.emit('lobbyChanged', { knocks: [knock('k2', 'Mallory')] });
    session.lobbyEvents.emit('admissionChanged', { admission: { mode: 'passcode', passcode: 'tulip-42' } });
    expect(lobby.state.get().knocks.map((k) => k.displayName)).toEqual(['Mallory']);
    expect(lobby.state.get().admission).toEqual({ mode: 'passcode', passcode: 'tulip-42' });
    lobby.close();
    session.lobbyEvents.emit('lobbyChanged', { knocks: [] });
    expect(lobby.state.get().knocks).toHaveLength(1);
  });

  it('raises the server’s alarm about passcode guessing as a problem', () => {
    const { session } = fakeSession({ getLobby: new ParleyError(ErrorCode.Forbidden, 'not a host') });
    const lobby = new Lobby(session);
    session.lobbyEvents.emit('passcodeGuessing', { lockedForMs: 90_000 });
    expect(lobby.state.get().problem).toMatch(/nobody can enter by passcode for 2 min/);
    lobby.close();
  });

  it('admits and denies by knock, and shows a refusal', async () => {
    const { session, calls } = fakeSession({ denyKnock: new ParleyError(ErrorCode.NotFound, 'that person already left') });
    const lobby = new Lobby(session);
    await lobby.admit('k1' as KnockId);
    expect(lobby.state.get().problem).toBeNull();
    await lobby.deny('k2' as KnockId);
    expect(calls.slice(1)).toEqual([['admitKnock', { knockId: 'k1' }], ['denyKnock', { knockId: 'k2' }]]);
    expect(lobby.state.get().problem).toBe('that person already left');
    lobby.close();
  });

  it('sets a passcode only once it is long enough, trimmed', async () => {
    const { session, calls } = fakeSession();
    const lobby = new Lobby(session);
    await lobby.choose('passcode', ' abc ');
    expect(lobby.state.get().problem).toMatch(/at least 6 characters/);
    expect(calls.map(([method]) => method)).toEqual(['getLobby']);
    await lobby.choose('passcode', ' tulip-42 ');
    await lobby.choose('open');
    expect(calls.slice(1)).toEqual([['setAdmission', { mode: 'passcode', passcode: 'tulip-42' }], ['setAdmission', { mode: 'open' }]]);
    expect(lobby.state.get().problem).toBeNull();
    lobby.close();
  });
});
