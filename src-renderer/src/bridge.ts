/**
 * The renderer's only way to the desktop app's main process. It reads the one object the preload
 * exposes, turns it into typed services (checking every answer against the contract), and in a
 * plain browser, where there is no such object, reports every desktop capability as missing so the
 * UI hides those features. Nothing else in the renderer touches `window.parley`.
 */
import { ErrorCode, ParleyError } from '../../src-common/errors';
import { appCommandSchema, type AppCommand, type AppService, type Capabilities, type Capability } from '../../src-common/ipc/app';
import { BRIDGE_KEY, BRIDGE_VERSION, contracts, type BridgeObject, type ServiceName, type Services } from '../../src-common/ipc/bridge';
import { checkAppEvent, type AppEventName, type AppEvents, type HostClient, type UpdaterClient } from '../../src-common/ipc/events';
import type { IpcResult, MethodSchemas } from '../../src-common/ipc/contract';
import type { DevicesService } from '../../src-common/ipc/devices';
import type { HistoryService } from '../../src-common/ipc/history';

export interface Bridge {
  /** Null where the capability is missing (see `capabilities.missing` for why). */
  readonly history: HistoryService | null;
  readonly devices: DevicesService | null;
  readonly app: AppService | null;
  /** The desktop app's updater; null in a browser (the host's page is always the host's version). */
  readonly updater: UpdaterClient | null;
  /** LAN hosting and the meetings on this network (desktop app only). */
  readonly host: HostClient | null;
  readonly capabilities: Capabilities;
  has(capability: Capability): boolean;
  /** Commands from the tray and menus; a no-op subscription in a browser. */
  onCommand(listener: (command: AppCommand) => void): () => void;
  /**
   * Subscribes to one of main's events (payloads checked against the contract; malformed ones are
   * logged and dropped); returns the unsubscribe function. A no-op subscription in a browser.
   */
  on<N extends AppEventName>(name: N, listener: (payload: AppEvents[N]) => void): () => void;
}

const BROWSER_REASONS: Record<Capability, string> = {
  history: 'Meeting history is kept by the Parley desktop app.',
  devicePreferences: 'This browser remembers your devices itself.',
  screenSources: 'The browser offers its own screen picker.',
  trayControls: 'The tray icon belongs to the Parley desktop app.',
  notifications: 'Notifications come from the Parley desktop app.',
  lanHosting: 'Hosting a meeting on this network needs the Parley desktop app.',
};

function browserBridge(reason?: string): Bridge {
  const capabilities: Capabilities = {
    available: [],
    missing: (Object.keys(BROWSER_REASONS) as Capability[]).map((capability) => ({ capability, reason: reason ?? BROWSER_REASONS[capability] })),
  };
  return { history: null, devices: null, app: null, updater: null, host: null, capabilities, has: () => false, onCommand: () => () => {}, on: () => () => {} };
}

function isBridgeObject(value: unknown): value is BridgeObject {
  const candidate = value as Partial<BridgeObject> | null | undefined;
  return (
    typeof candidate?.invoke === 'function' &&
    typeof candidate.onCommand === 'function' &&
    typeof candidate.onEvent === 'function' &&
    typeof candidate.version === 'number'
  );
}

/** A typed client for one service: every method calls `service:method` and checks the answer. */
function serviceClient<K extends ServiceName>(raw: BridgeObject, service: K): Services[K] {
  const contract = contracts[service] as Record<string, MethodSchemas<unknown, unknown>>;
  const client = Object.fromEntries(
    Object.entries(contract).map(([method, schemas]) => [
      method,
      async (input: unknown): Promise<unknown> => {
        const result: IpcResult = await raw.invoke(`${service}:${method}`, input);
        if (!result.ok) throw ParleyError.fromBody(result.error);
        const checked = schemas.output.safeParse(result.value);
        if (!checked.success) throw new ParleyError(ErrorCode.Internal, `the app answered ${service}:${method} in an unexpected shape`);
        return checked.data;
      },
    ]),
  );
  // Built from the same contract the interface is checked against (defineContract).
  return client as unknown as Services[K];
}

/** Connects to the desktop app's main process, or reports a plain browser. Never throws. */
export async function connectBridge(scope: object = globalThis): Promise<Bridge> {
  const raw: unknown = (scope as Record<string, unknown>)[BRIDGE_KEY];
  if (raw === undefined) return browserBridge();
  if (!isBridgeObject(raw) || raw.version !== BRIDGE_VERSION) {
    console.warn('the desktop bridge is not the version this page expects; desktop features are off');
    return browserBridge('This page and the Parley app do not match; restart Parley.');
  }
  const app = serviceClient(raw, 'app');
  let capabilities: Capabilities;
  try {
    capabilities = await app.getCapabilities({});
  } catch (error) {
    console.warn('asking the app for its capabilities failed', error);
    return browserBridge('The Parley app did not answer; restart it.');
  }
  const has = (capability: Capability): boolean => capabilities.available.includes(capability);
  const on: Bridge['on'] = (name, listener) =>
    raw.onEvent((envelope) => {
      if ((envelope as { name?: unknown } | null)?.name !== name) return;
      const checked = checkAppEvent(envelope);
      if (checked.ok) listener(checked.event.payload as AppEvents[typeof name]);
      else console.warn(`bridge: dropped an event from the app: ${checked.problem}`);
    });
  return {
    history: has('history') ? serviceClient(raw, 'history') : null,
    devices: has('devicePreferences') || has('screenSources') ? serviceClient(raw, 'devices') : null,
    app,
    updater: { ...serviceClient(raw, 'updater'), onStatus: (listener) => on('updaterStatus', listener) },
    host: has('lanHosting')
      ? { ...serviceClient(raw, 'host'), onStatus: (listener) => on('hostStatus', listener), onNearby: (listener) => on('nearbyMeetings', listener) }
      : null,
    capabilities,
    has,
    onCommand(listener) {
      return raw.onCommand((command) => {
        const parsed = appCommandSchema.safeParse(command);
        if (parsed.success) listener(parsed.data);
        else console.warn('ignored a malformed command from the app');
      });
    },
    on,
  };
}
