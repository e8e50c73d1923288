import { describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import { contracts, type Services } from '../../src-common/ipc/bridge';
import { memoryLogger } from '../log/Logger';
import { createIpcDispatcher, type IpcSender } from './dispatcher';

const ours: IpcSender = { url: 'app://parley/r/standup' };

/** A service whose every contract method records its input and answers `answer(method)`. */
function recording<K extends keyof Services>(name: K, answer: (method: string, input: unknown) => unknown = () => undefined) {
  const calls: Array<{ method: string; input: unknown }> = [];
  const service = Object.fromEntries(
    Object.keys(contracts[name]).map((method) => [
      method,
      async (input: unknown) => {
        calls.push({ method, input });
        return answer(method, input);
      },
    ]),
  ) as unknown as Services[K];
  return { service, calls };
}

function setup(answer?: (method: string, input: unknown) => unknown) {
  const history = recording('history', answer);
  const logger = memoryLogger();
  const dispatcher = createIpcDispatcher({
    services: { history: history.service },
    unavailable: { devices: 'device preferences are kept by the desktop app' },
    isTrustedSender: (sender) => sender.url.startsWith('app://parley/'),
    logger,
  });
  return { dispatcher, calls: history.calls, logger };
}

const validStart = { roomId: 'standup', serverUrl: 'HTTP://Example.org:8443/', displayName: ' Ada ', selfPeerId: 'p1', role: 'guest' };

describe('the IPC dispatcher', () => {
  it('calls the service with the parsed argument and answers its value', async () => {
    const { dispatcher, calls } = setup((method) => (method === 'startMeeting' ? 7 : undefined));
    expect(await dispatcher.dispatch('history:startMeeting', [validStart], ours)).toEqual({ ok: true, value: 7 });
    // Parsed, not passed through: the address is normalised and the name trimmed.
    expect(calls).toEqual([{ method: 'startMeeting', input: { ...validStart, serverUrl: 'http://example.org:8443', displayName: 'Ada' } }]);
  });

  it.each([
    ['a string instead of an object', ['standup']],
    ['a missing field', [{ ...validStart, role: undefined }]],
    ['an unknown extra field', [{ ...validStart, admin: true }]],
    ['a field of the wrong type', [{ ...validStart, selfPeerId: 42 }]],
    ['a room id with a slash', [{ ...validStart, roomId: '../etc' }]],
    ['a javascript: server address', [{ ...validStart, serverUrl: 'javascript:alert(1)' }]],
    ['a name with control characters', [{ ...validStart, displayName: 'Ada\u0007' }]],
    ['a name that is too long', [{ ...validStart, displayName: 'x'.repeat(65) }]],
    ['no argument', []],
    ['two arguments', [validStart, validStart]],
  ])('rejects %s with BAD_REQUEST and never calls the service', async (_label, args) => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.dispatch('history:startMeeting', args, ours);
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a negative meeting id', 'history:delete', { meetingId: -1 }],
    ['a fractional meeting id', 'history:get', { meetingId: 1.5 }],
    ['a search longer than 200 characters', 'history:list', { query: 'q'.repeat(201) }],
    ['a limit above 500', 'history:list', { limit: 10_000 }],
    ['an argument to a method that takes none', 'history:clear', { everything: true }],
  ])('rejects %s with BAD_REQUEST', async (_label, channel, input) => {
    const { dispatcher, calls } = setup();
    expect(await dispatcher.dispatch(channel, [input], ours)).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(calls).toEqual([]);
  });

  it.each(['history:dropTables', 'shell:exec', 'history:constructor', 'history:toString', '__proto__:get', 'history', 42, null])(
    'answers UNKNOWN_METHOD for the channel %s',
    async (channel) => {
      const { dispatcher, calls } = setup();
      expect(await dispatcher.dispatch(channel, [{}], ours)).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownMethod } });
      expect(calls).toEqual([]);
    },
  );

  it('refuses callers that are not Parley’s own pages with FORBIDDEN', async () => {
    const { dispatcher, calls } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://parley.evil/', '']) {
      expect(await dispatcher.dispatch('history:list', [{}], { url })).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    }
    expect(calls).toEqual([]);
  });

  it('answers UNAVAILABLE, with the reason, for a service this window does not have', async () => {
    const { dispatcher } = setup();
    expect(await dispatcher.dispatch('devices:getPreferences', [{}], ours)).toEqual({
      ok: false,
      error: { code: ErrorCode.Unavailable, message: 'device preferences are kept by the desktop app' },
    });
  });

  it('passes a coded service error through and hides the details of an unexpected one', async () => {
    const { dispatcher, logger } = setup((method) => {
      if (method === 'get') throw new ParleyError(ErrorCode.NotFound, 'no meeting 3 in the history');
      throw new Error('SQLITE_IOERR at /home/ada/.config/Parley/history.sqlite');
    });
    expect(await dispatcher.dispatch('history:get', [{ meetingId: 3 }], ours)).toEqual({ ok: false, error: { code: ErrorCode.NotFound, message: 'no meeting 3 in the history' } });
    const internal = await dispatcher.dispatch('history:list', [{}], ours);
    expect(internal).toMatchObject({ ok: false, error: { code: ErrorCode.Internal } });
    expect(JSON.stringify(internal)).not.toContain('/home/ada');
    expect(logger.lines.some((l) => l.level === 'error' && l.line.includes('SQLITE_IOERR'))).toBe(true);
  });
});
