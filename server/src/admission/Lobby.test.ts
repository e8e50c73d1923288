import { describe, expect, it } from 'vitest';
import { Lobby, MAX_WAITING, MAX_WAITING_PER_ADDRESS } from './Lobby';

const knocker = (denials: string[]) => ({ admit: () => undefined, deny: (reason: string) => denials.push(reason) });

describe('the lobby', () => {
  it('cannot be filled by a few addresses: a newcomer from another address still gets a place', () => {
    const lobby = new Lobby(() => undefined);
    const denials: string[] = [];
    // 17 addresses with 3 knocks each is what filled the 50 places before.
    for (let a = 0; lobby.size < MAX_WAITING; a++) {
      for (let k = 0; k < MAX_WAITING_PER_ADDRESS && lobby.size < MAX_WAITING; k++) lobby.knock(`Bot ${a}.${k}`, `10.0.0.${a}`, knocker(denials));
    }
    expect(lobby.refusal('10.0.0.0')).toBe('address');
    expect(lobby.refusal('192.168.1.7')).toBeNull();
    lobby.knock('Newcomer', '192.168.1.7', knocker(denials));
    expect(lobby.size).toBe(MAX_WAITING);
    expect(lobby.list().map((k) => k.displayName)).toContain('Newcomer');
    expect(denials).toEqual(['the lobby is full; try again when the host has let people in']);
  });

  it('says full when every address waits with as many as the newcomer\'s would', () => {
    const lobby = new Lobby(() => undefined);
    for (let a = 0; a < MAX_WAITING; a++) lobby.knock(`P${a}`, `10.0.1.${a}`, knocker([]));
    expect(lobby.refusal('10.0.2.1')).toBe('full');
  });
});
