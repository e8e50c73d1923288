import { describe, expect, it } from 'vitest';
import type { AppEventEnvelope } from '../../src-common/ipc/events';
import { memoryLogger } from '../log/Logger';
import { createBridgeObject } from '../preload/bridgeObject';
import { createEventPublisher } from './eventPublisher';

describe('main\'s events to the renderer', () => {
  it('sends a payload that passes its contract, as the parsed value', () => {
    const sent: AppEventEnvelope[] = [];
    const events = createEventPublisher((envelope) => void sent.push(envelope), memoryLogger());
    events.publish('updaterStatus', { state: 'ready', version: '0.2.0', canRestartNow: false });
    events.publish('hostStatus', { meeting: null, failure: 'The meeting host stopped unexpectedly.' });
    expect(sent).toEqual([
      { name: 'updaterStatus', payload: { state: 'ready', version: '0.2.0', canRestartNow: false } },
      { name: 'hostStatus', payload: { meeting: null, failure: 'The meeting host stopped unexpectedly.' } },
    ]);
  });

  it('does not send, and logs as an error, a payload that breaks its contract', () => {
    const sent: AppEventEnvelope[] = [];
    const logger = memoryLogger();
    const events = createEventPublisher((envelope) => void sent.push(envelope), logger);
    events.publish('updaterStatus', { state: 'downloading', version: '0.2.0', percent: 140, transferredBytes: 1, totalBytes: 1 });
    expect(sent).toEqual([]);
    expect(logger.lines).toEqual([{ level: 'error', line: expect.stringMatching(/updaterStatus does not match its contract/) }]);
  });

  it('survives a window that cannot take the event', () => {
    const logger = memoryLogger();
    const events = createEventPublisher(() => {
      throw new Error('Object has been destroyed');
    }, logger);
    expect(() => events.publish('nearbyMeetings', [])).not.toThrow();
    expect(logger.lines.map((l) => l.level)).toEqual(['warn']);
  });
});

describe('the preload\'s bridge object', () => {
  it('forwards main\'s events to each subscriber until it unsubscribes, and refuses a non-function', () => {
    const listeners = new Set<(envelope: unknown) => void>();
    const bridge = createBridgeObject({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: () => () => undefined,
      subscribeEvents: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    });
    const got: unknown[] = [];
    const stop = bridge.onEvent((envelope) => got.push(envelope));
    for (const listener of listeners) listener({ name: 'nearbyMeetings', payload: [] });
    stop();
    expect(listeners.size).toBe(0);
    for (const listener of listeners) listener({ name: 'nearbyMeetings', payload: [] });
    expect(got).toEqual([{ name: 'nearbyMeetings', payload: [] }]);
    expect(() => bridge.onEvent('not a function' as never)).toThrow(TypeError);
  });
});
