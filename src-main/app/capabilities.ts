import type { Capabilities, Capability } from '../../src-common/ipc/app';

/**
 * What the desktop window can do: everything, except the history when it could not be opened
 * (a newer schema, an unreadable folder), with the reason the user is shown.
 */
export function desktopCapabilities(historyProblem: string | null): Capabilities {
  const always: Capability[] = ['devicePreferences', 'screenSources', 'trayControls', 'notifications', 'lanHosting'];
  return historyProblem === null
    ? { available: ['history', ...always], missing: [] }
    : { available: always, missing: [{ capability: 'history', reason: historyProblem }] };
}
