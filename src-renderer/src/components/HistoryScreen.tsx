import { useEffect, useState } from 'react';
import type { MeetingId } from '../../../src-common/ipc/history';
import type { HistoryBrowser } from '../core/desktop/HistoryBrowser';
import { useStore } from '../hooks/useStore';
import { formatDuration, formatTime } from './format';

interface Props {
  browser: HistoryBrowser;
  onOpen: (meetingId: MeetingId) => void;
  onBack: () => void;
}

/** Past meetings, newest first, with search by room or participant and "clear all". */
export function HistoryScreen({ browser, onOpen, onBack }: Props) {
  const { query, meetings, loading, error, notice } = useStore(browser.state);
  const [confirmClear, setConfirmClear] = useState(false);
  useEffect(() => void browser.load(), [browser]);

  return (
    <main className="history">
      <header className="history-header">
        <button type="button" onClick={onBack}>Back</button>
        <h1>History</h1>
      </header>
      {notice && <p className="warning" role="alert">{notice.message}</p>}
      <label className="field">
        <span>Search</span>
        <input type="search" value={query} placeholder="Room or participant" onChange={(e) => void browser.search(e.target.value)} maxLength={200} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {meetings.length === 0 && !loading && <p className="muted">{query.trim() ? 'No meeting matches.' : 'No meetings yet.'}</p>}
      <ul className="history-list" aria-label="Meetings" aria-busy={loading}>
        {meetings.map((m) => (
          <li key={m.meetingId}>
            <button type="button" className="history-item" data-testid="history-item" data-room={m.roomId} onClick={() => onOpen(m.meetingId)}>
              <span className="history-room">{m.roomId}</span>
              <span className="history-when">{formatTime(m.startedAt)}</span>
              <span className="history-people" data-testid="participants">
                {m.participantNames.length > 0 ? `with ${m.participantNames.join(', ')}` : 'nobody else'}
              </span>
              <span className="history-duration" data-testid="duration" data-ms={m.durationMs ?? ''}>
                {formatDuration(m.durationMs)}
                {m.endReason === 'interrupted' && ' (interrupted)'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {meetings.length > 0 &&
        (confirmClear ? (
          <div className="confirm" role="group" aria-label="Confirm clearing the history">
            <span>Delete every meeting in the history?</span>
            <button type="button" className="danger" onClick={() => void browser.clear().then(() => setConfirmClear(false))}>Delete all</button>
            <button type="button" onClick={() => setConfirmClear(false)}>Cancel</button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirmClear(true)}>Clear all…</button>
        ))}
    </main>
  );
}
