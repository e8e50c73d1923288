import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { UpdaterClient } from '../../../src-common/ipc/events';
import { UpdateWatcher } from '../core/desktop/UpdateWatcher';
import { useStore } from '../hooks/useStore';
import './updates.css';

const UpdatesContext = createContext<UpdateWatcher | null>(null);

/** The update watcher of the desktop app; null in a browser. */
export function useUpdates(): UpdateWatcher | null {
  return useContext(UpdatesContext);
}

/**
 * Gives the screens below it the updater (the settings read it) and shows the "Restart to update"
 * banner over every screen once an update is downloaded. Renders only its children in a browser.
 */
export function DesktopUpdates({ updater, children }: { updater: UpdaterClient | null; children: ReactNode }) {
  // The bridge, and so the updater, is the same for the life of the page.
  const [watcher] = useState(() => (updater ? new UpdateWatcher(updater) : null));
  useEffect(() => watcher?.start(), [watcher]);
  return (
    <UpdatesContext.Provider value={watcher}>
      {children}
      {watcher && <UpdateBanner watcher={watcher} />}
    </UpdatesContext.Provider>
  );
}

/** "Parley x is ready" with Restart to update; during a meeting it installs on quit instead. */
function UpdateBanner({ watcher }: { watcher: UpdateWatcher }) {
  const { status, busy, problem } = useStore(watcher.state);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (status?.state !== 'ready' || dismissed === status.version) return null;
  return (
    <aside className="update-banner" aria-live="polite" aria-label="Update ready">
      <span>Parley {status.version} is ready.</span>
      {!status.canRestartNow && <span className="update-banner-note">It installs when you quit, or restart after your meeting.</span>}
      <button type="button" className="primary" disabled={busy || !status.canRestartNow} onClick={() => void watcher.restartToUpdate()}>
        Restart to update
      </button>
      <button type="button" onClick={() => setDismissed(status.version)}>Later</button>
      {problem && <span className="warning">{problem}</span>}
    </aside>
  );
}
