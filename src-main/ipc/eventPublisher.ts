import { appEventSchemas, type AppEventEnvelope, type AppEventName, type AppEvents } from '../../src-common/ipc/events';
import type { Logger } from '../log/Logger';

/** Sends main's events to the renderer; each payload is checked against the contract first. */
export interface AppEventPublisher {
  publish<N extends AppEventName>(name: N, payload: AppEvents[N]): void;
}

/**
 * The main side of the event channel, independent of Electron: `deliver` is the window's
 * webContents.send in the app and a page push in the e2e harness. A payload that fails its schema
 * is a bug in main: logged and not sent, so the renderer never sees it.
 */
export function createEventPublisher(deliver: (envelope: AppEventEnvelope) => void, logger: Logger): AppEventPublisher {
  return {
    publish(name, payload) {
      const checked = appEventSchemas[name].safeParse(payload);
      if (!checked.success) {
        logger.error(`publish() | ${name} does not match its contract: ${checked.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      try {
        deliver({ name, payload: checked.data } as AppEventEnvelope);
      } catch (error) {
        // A window that is closing cannot take events; the next one asks for the state afresh.
        logger.warn(`publish() | ${name} not delivered: ${String(error)}`);
      }
    },
  };
}
