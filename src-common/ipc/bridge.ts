/**
 * The one bridge between the renderer and the main process. The preload script exposes exactly
 * one object, {@link BridgeObject}, as `window[BRIDGE_KEY]`; the renderer's accessor module turns
 * it into typed services; main serves every channel of {@link contracts}.
 */
import { appContract, type AppService } from './app';
import { channelName, type IpcResult } from './contract';
import { devicesContract, type DevicesService } from './devices';
import { historyContract, type HistoryService } from './history';
import { updaterContract, type UpdaterService } from './updater';
import { hostContract, type HostService } from './host';

/** The global the preload script defines. */
export const BRIDGE_KEY = 'parley';

/** Bumped when the bridge object's shape changes, so a stale preload is detected, not misused. */
export const BRIDGE_VERSION = 2;

/** Every service main serves, by name. */
export interface Services {
  history: HistoryService;
  devices: DevicesService;
  app: AppService;
  updater: UpdaterService;
  host: HostService;
}
export type ServiceName = keyof Services;

export const contracts = {
  history: historyContract,
  devices: devicesContract,
  app: appContract,
  updater: updaterContract,
  host: hostContract,
} as const;

export const serviceNames = Object.keys(contracts) as ServiceName[];

/** Every `service:method` channel main answers on, and the only ones the preload forwards. */
export const allChannels: ReadonlySet<string> = new Set(
  serviceNames.flatMap((service) => Object.keys(contracts[service]).map((method) => channelName(service, method))),
);

/** The channel main sends {@link AppCommand}s to the renderer on. */
export const COMMAND_CHANNEL = 'app:command';

/** Exactly what the preload exposes: untyped on purpose, the accessor module types and checks it. */
export interface BridgeObject {
  readonly version: number;
  /** Calls `service:method`; never rejects for a service error, which comes back as `{ ok: false }`. */
  invoke(channel: string, input: unknown): Promise<IpcResult>;
  /** Listens for commands from the tray and menus; returns the unsubscribe function. */
  onCommand(listener: (command: unknown) => void): () => void;
  /** Listens for main's events (see events.ts), unchecked; returns the unsubscribe function. */
  onEvent(listener: (envelope: unknown) => void): () => void;
}
