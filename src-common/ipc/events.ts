/**
 * Events the main process pushes to the renderer: facts that change on main's side (the updater
 * moved on, the hosted meeting stopped, a meeting appeared on the network), so the renderer
 * subscribes instead of asking again and again. Each event's payload has a schema, checked by main
 * before it sends and by the renderer on arrival, like the answers of calls.
 */
import { z } from 'zod';
import { discoveredMeetingSchema, hostStatusSchema, type DiscoveredMeetingInfo, type HostService, type HostStatus } from './host';
import { updateStatusSchema, type UpdaterService, type UpdateStatus } from './updater';

/** The channel every event travels on, as an {@link AppEventEnvelope}. */
export const EVENT_CHANNEL = 'app:event';

/** The most meetings the nearby list holds (discovery drops announcements beyond it). */
export const MAX_NEARBY_MEETINGS = 200;

export const appEventSchemas = {
  /** What the updater is doing now (every change: checking, download progress, ready, error). */
  updaterStatus: updateStatusSchema,
  /** The hosted meeting started or stopped, or its host process ended by itself (`failure`). */
  hostStatus: hostStatusSchema,
  /** The meetings advertised on this network changed; the whole list, once browsing has started. */
  nearbyMeetings: z.array(discoveredMeetingSchema).max(MAX_NEARBY_MEETINGS),
} as const;

export type AppEventName = keyof typeof appEventSchemas;
/** The payload of each event, by name. */
export type AppEvents = { [N in AppEventName]: z.output<(typeof appEventSchemas)[N]> };

/** What travels on {@link EVENT_CHANNEL}. */
export interface AppEventEnvelope<N extends AppEventName = AppEventName> {
  name: N;
  payload: AppEvents[N];
}

export const appEventNames = Object.keys(appEventSchemas) as AppEventName[];

export function isAppEventName(name: unknown): name is AppEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(appEventSchemas, name);
}

/** Checks an event from the other side: a known name with a payload of its shape. */
export function checkAppEvent(envelope: unknown): { ok: true; event: AppEventEnvelope } | { ok: false; problem: string } {
  const { name, payload } = (envelope ?? {}) as { name?: unknown; payload?: unknown };
  if (!isAppEventName(name)) return { ok: false, problem: `unknown event ${JSON.stringify(String(name).slice(0, 64))}` };
  const parsed = appEventSchemas[name].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `the ${name} event is malformed: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  return { ok: true, event: { name, payload: parsed.data } as AppEventEnvelope };
}

/** A subscription: the listener is called with each event until the returned function is called. */
export type Subscribe<T> = (listener: (payload: T) => void) => () => void;

/** The updater as the renderer holds it: its calls, and its status pushed by main. */
export interface UpdaterClient extends UpdaterService {
  onStatus: Subscribe<UpdateStatus>;
}

/** LAN hosting as the renderer holds it: its calls, the hosting status and the nearby meetings pushed by main. */
export interface HostClient extends HostService {
  onStatus: Subscribe<HostStatus>;
  onNearby: Subscribe<DiscoveredMeetingInfo[]>;
}
