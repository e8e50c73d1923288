/**
 * Finding 5 of the security review: the only limit on passcode guesses was per address, and
 * rotating 489 loopback addresses found a 4-digit passcode in 22.9 s. Now each meeting backs off
 * after `passcodeAttemptsPerMeetingPerMinute` wrong passcodes from all addresses together, tells
 * its host, and passcodes have at least 6 characters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import { passcodeSchema } from '../../../src-common/protocol';
import type { InviteCode } from '../../../src-common/invite';
import { defaultGuardLimits } from '../guards/limits';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const PER_MEETING = 5;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ mode: 'hosted', guards: { ...defaultGuardLimits, passcodeAttemptsPerMeetingPerMinute: PER_MEETING } });
});

afterAll(async () => {
  await server?.close();
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'admitted';
  } catch (error) {
    return error instanceof ParleyError ? error.code : String(error);
  }
}

/** The reason a refusal carries ('-' for none, 'admitted' when let in). */
async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'admitted';
  } catch (error) {
    return error instanceof ParleyError ? (error.reason ?? '-') : String(error);
  }
}

describe('passcode guessing', () => {
  it('locks the meeting for every address after too many wrong passcodes from rotating addresses, and alarms the host', async () => {
    const meeting = await server.meetings.host({ name: 'Vault', hostName: 'Hana', admission: { mode: 'passcode', passcode: 'tulip-42' } });
    const host = await TestClient.connect(server.wsUrl);
    await host.joinRoom(meeting.roomId, 'Hana', meeting.hostToken);
    const enter = (address: string, passcode: string): Promise<string> =>
      outcome(server.meetings.enter(address, { code: meeting.code as InviteCode, passcode, displayName: 'Guess' }, () => undefined));
    // Each guess from a new address: the per-address limit never bites.
    const answers: string[] = [];
    for (let i = 0; i < PER_MEETING + 5; i++) answers.push(await enter(`127.0.1.${i}`, `guess-${String(i).padStart(4, '0')}`));
    expect(answers.slice(0, PER_MEETING)).toEqual(Array(PER_MEETING).fill(ErrorCode.NotFound));
    expect(answers.slice(PER_MEETING)).toEqual(Array(5).fill(ErrorCode.RateLimited));
    // Even the right passcode waits out the lockout, from a fresh address.
    expect(await enter('127.0.2.1', 'tulip-42')).toBe(ErrorCode.RateLimited);
    // The guest is told the meeting backs off, not that its own address guessed too much.
    expect(await reasonOf(server.meetings.enter('127.0.2.2', { code: meeting.code as InviteCode, passcode: 'x-x-x-x', displayName: 'G' }, () => undefined))).toBe('passcodeGuessing');
    expect(await host.notification('passcodeGuessing')).toEqual({ lockedForMs: 60_000 });
    expect(server.metrics.get('passcodeBackoff')).toBeGreaterThanOrEqual(1);
    host.close();
    server.meetings.end(meeting.roomId);
  });

  it('does not lock a meeting with another admission, and leaves other meetings alone', async () => {
    const locked = await server.meetings.host({ name: 'A', hostName: 'Hana', admission: { mode: 'passcode', passcode: 'orchid-7' } });
    const other = await server.meetings.host({ name: 'B', hostName: 'Hana', admission: { mode: 'passcode', passcode: 'orchid-8' } });
    for (let i = 0; i < PER_MEETING; i++) await outcome(server.meetings.enter(`127.0.3.${i}`, { code: locked.code as InviteCode, passcode: 'nope-nope', displayName: 'G' }, () => undefined));
    expect(await outcome(server.meetings.enter('127.0.4.1', { code: other.code as InviteCode, passcode: 'orchid-8', displayName: 'G' }, () => undefined))).toBe('admitted');
    server.meetings.end(locked.roomId);
    server.meetings.end(other.roomId);
  });

  it('refuses passcodes shorter than 6 characters', () => {
    expect(passcodeSchema.safeParse('12345').success).toBe(false);
    expect(passcodeSchema.safeParse('123456').success).toBe(true);
  });
});
