import { useState, type FormEvent } from 'react';
import { assertUnreachable } from '../../../src-common/errors';
import { feedUrlSchema, type UpdateStatus } from '../../../src-common/ipc/updater';
import type { UpdateWatcher } from '../core/desktop/UpdateWatcher';
import { useStore } from '../hooks/useStore';
import { useUpdates } from './DesktopUpdates';

const time = (at: number): string => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function describe(status: UpdateStatus): string {
  switch (status.state) {
    case 'off':
      return status.reason;
    case 'idle':
      return status.upToDate && status.lastCheckedAt !== undefined
        ? `Parley is up to date (checked at ${time(status.lastCheckedAt)}).`
        : `Parley checks for updates at ${time(status.nextCheckAt)}.`;
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Downloading Parley ${status.version}: ${Math.floor(status.percent)}%`;
    case 'ready':
      return `Parley ${status.version} is ready; it installs when you quit Parley.`;
    case 'error':
      return `The update failed: ${status.message} Parley tries again at ${time(status.retryAt)}.`;
    default:
      return assertUnreachable(status);
  }
}

/** Updates in the settings: what the updater does (progress, errors), Check now, and the feed. */
export function UpdatesSettings() {
  const watcher = useUpdates();
  if (!watcher) return null;
  return <UpdatesPanel watcher={watcher} />;
}

function UpdatesPanel({ watcher }: { watcher: UpdateWatcher }) {
  const { status, feed, busy, problem } = useStore(watcher.state);
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? feed?.url ?? '';
  const valid = value === '' || feedUrlSchema.safeParse(value).success;
  const canCheck = !busy && (status?.state === 'idle' || status?.state === 'error');
  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (valid) void watcher.setFeed(value === '' ? null : value).then(() => setDraft(null));
  };
  return (
    <section className="updates-settings" aria-label="Updates">
      <h2>Updates</h2>
      {/* aria-live rather than role=status: the home screen's own status line keeps that role. */}
      <p aria-live="polite" data-testid="update-status" data-state={status?.state ?? 'unknown'}>
        {status ? describe(status) : 'Asking the app…'}
      </p>
      {status?.state === 'downloading' && <progress max={100} value={status.percent} aria-label="Download progress" />}
      <button type="button" disabled={!canCheck} onClick={() => void watcher.checkNow()}>Check now</button>
      <form onSubmit={save} className="updates-feed">
        <label className="field">
          <span>Update feed</span>
          <input value={value} onChange={(e) => setDraft(e.target.value.trim())} placeholder="http://host:8443/updates/" maxLength={2048} />
        </label>
        {!valid && <p className="warning">A feed is an http:// or https:// folder address.</p>}
        <button type="submit" disabled={busy || !valid}>Save feed</button>
        {feed && <small>In use: {feed.url ?? 'none'} ({feed.source === 'user' ? 'your choice' : feed.source})</small>}
      </form>
      {problem && <p className="warning" role="alert">{problem}</p>}
    </section>
  );
}
