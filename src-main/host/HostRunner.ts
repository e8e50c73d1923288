import type { Admission } from '../../src-common/protocol/lobby';
import type { LanHostInfo } from '../../server/src/embed';

/** What the host process needs to start a meeting; plain data, so it crosses a process boundary. */
export interface HostRunOptions {
  dataDir: string;
  meetingName: string;
  hostName: string;
  admission?: Admission | undefined;
}

/**
 * Runs the hosting core somewhere: in a utility process in the app (crash-isolated from the UI),
 * in this process in tests. Either way it is `LanHost` that runs.
 */
export interface HostRunner {
  start(options: HostRunOptions): Promise<LanHostInfo>;
  /** Ends the meeting and stops listening. Safe when nothing runs. */
  stop(): Promise<void>;
  /** `listener` hears when the host ended by itself (the process crashed), with why. */
  onUnexpectedExit(listener: (reason: string) => void): void;
}
