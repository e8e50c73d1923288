import { describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { AppCommand } from '../../src-common/ipc/app';
import { BRIDGE_VERSION, type BridgeObject } from '../../src-common/ipc/bridge';
import type { UpdateStatus } from '../../src-common/ipc/updater';
import type { IpcResult } from '../../src-common/ipc/contract';
import { connectBridge } from './bridge';

/** A stand-in for the preload's object, answering each channel from `answers`. */
function fakeBridgeObject(answers: Record<string, IpcResult>, version = BRIDGE_VERSION) {
  const calls: Array<[string, unknown]> = [];
  let push: ((command: unknown) => void) | null = null;
  const eventListeners = new Set<(envelope: unknown) => void>();
  const object: BridgeObject = {
    version,
    invoke: async (channel, input) => {
      calls.push([channel, input]);
      return answers[channel] ?? { ok: false, error: { code: ErrorCode.UnknownMethod, message: channel } };
    },
    onCommand: (listener) => {
      push = listener;
      return () => (push = null);
    },
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
  };
  const emit = (envelope: unknown): void => {
    for (const listener of eventListeners) listener(envelope);
  };
  return { scope: { parley: object }, calls, push: (command: unknown) => push?.(command), emit, eventListeners };
}

const allCapabilities: IpcResult = {
  ok: true,
  value: { available: ['history', 'devicePreferences', 'screenSources', 'trayControls', 'notifications'], missing: [] },
};

describe('the bridge accessor', () => {
  it('in a plain browser has no services and reports every desktop capability missing, with a reason', async () => {
    const bridge = await connectBridge({});
    expect([bridge.history, bridge.devices, bridge.app]).toEqual([null, null, null]);
    expect(bridge.has('history')).toBe(false);
    expect(bridge.capabilities.missing.map((m) => m.capability)).toContain('history');
    expect(bridge.capabilities.missing.every((m) => m.reason.length > 0)).toBe(true);
  });

  it('calls service:method channels and returns answers checked against the contract', async () => {
    const { scope, calls } = fakeBridgeObject({ 'app:getCapabilities': allCapabilities, 'history:clear': { ok: true, value: { deleted: 3 } } });
    const bridge = await connectBridge(scope);
    expect(await bridge.history!.clear({})).toEqual({ deleted: 3 });
    expect(calls).toEqual([['app:getCapabilities', {}], ['history:clear', {}]]);
  });

  it('turns an error answer into a ParleyError with its code', async () => {
    const { scope } = fakeBridgeObject({
      'app:getCapabilities': allCapabilities,
      'history:get': { ok: false, error: { code: ErrorCode.NotFound, message: 'no meeting 9 in the history' } },
    });
    const bridge = await connectBridge(scope);
    const error = await bridge.history!.get({ meetingId: 9 as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({ code: ErrorCode.NotFound, message: 'no meeting 9 in the history' });
  });

  it('refuses an answer of the wrong shape with INTERNAL', async () => {
    const { scope } = fakeBridgeObject({ 'app:getCapabilities': allCapabilities, 'history:clear': { ok: true, value: { deleted: 'all' } } });
    const bridge = await connectBridge(scope);
    await expect(bridge.history!.clear({})).rejects.toMatchObject({ code: ErrorCode.Internal });
  });

  it('leaves out the history when main says it is missing', async () => {
    const { scope } = fakeBridgeObject({
      'app:getCapabilities': { ok: true, value: { available: ['devicePreferences'], missing: [{ capability: 'history', reason: 'written by a newer Parley' }] } },
    });
    const bridge = await connectBridge(scope);
    expect(bridge.history).toBeNull();
    expect(bridge.devices).not.toBeNull();
    expect(bridge.capabilities.missing).toEqual([{ capability: 'history', reason: 'written by a newer Parley' }]);
  });

  it('treats a bridge of another version as absent', async () => {
    const { scope, calls } = fakeBridgeObject({ 'app:getCapabilities': allCapabilities }, BRIDGE_VERSION + 1);
    const bridge = await connectBridge(scope);
    expect(bridge.app).toBeNull();
    expect(calls).toEqual([]);
  });

  it('passes valid commands from the tray and drops malformed ones', async () => {
    const { scope, push } = fakeBridgeObject({ 'app:getCapabilities': allCapabilities });
    const bridge = await connectBridge(scope);
    const received: AppCommand[] = [];
    bridge.onCommand((command) => received.push(command));
    push({ type: 'leave-meeting' });
    push({ type: 'format-disk' });
    push('toggle-microphone');
    expect(received).toEqual([{ type: 'leave-meeting' }]);
  });

  it('hands main\'s events to their subscribers, checked, until they unsubscribe', async () => {
    const { scope, emit, eventListeners } = fakeBridgeObject({ 'app:getCapabilities': allCapabilities });
    const bridge = await connectBridge(scope);
    const statuses: UpdateStatus[] = [];
    const stop = bridge.updater!.onStatus((status) => statuses.push(status));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      emit({ name: 'updaterStatus', payload: { state: 'checking' } });
      emit({ name: 'updaterStatus', payload: { state: 'downloading', version: '0.2.0', percent: 'lots' } });
      emit({ name: 'hostStatus', payload: { meeting: null, failure: null } });
      emit({ name: 'formatDisk', payload: {} });
      emit('updaterStatus');
    } finally {
      console.warn = warn;
    }
    expect(statuses).toEqual([{ state: 'checking' }]);
    expect(warnings).toEqual([expect.stringMatching(/dropped an event from the app: the updaterStatus event is malformed: percent/)]);
    stop();
    expect(eventListeners.size).toBe(0);
    emit({ name: 'updaterStatus', payload: { state: 'checking' } });
    expect(statuses).toHaveLength(1);
  });

  it('subscribes to nothing in a plain browser', async () => {
    const bridge = await connectBridge({});
    expect(bridge.on('updaterStatus', () => undefined)).toBeTypeOf('function');
    expect(bridge.updater).toBeNull();
  });
});
