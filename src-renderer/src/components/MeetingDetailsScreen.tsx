import { useEffect } from 'react';
import type { MeetingDetails, MeetingId } from '../../../src-common/ipc/history';
import type { HistoryBrowser } from '../core/desktop/HistoryBrowser';
import { useStore } from '../hooks/useStore';
import { formatClock, formatDuration, formatTime } from './format';

interface Props {
  browser: HistoryBrowser;
  meetingId: MeetingId;
  onRejoin: (meeting: MeetingDetails) => void;
  onBack: () => void;
}

/** One past meeting: when, how long, who was there from when to when, its chat; rejoin or delete. */
export function MeetingDetailsScreen({ browser, meetingId, onRejoin, onBack }: Props) {
  const { selected, error } = useStore(browser.state);
  useEffect(() => {
    void browser.open(meetingId);
    return () => browser.close();
  }, [browser, meetingId]);
  const meeting = selected?.meetingId === meetingId ? selected : null;

  return (
    <main className="history">
      <header className="history-header">
        <button type="button" onClick={onBack}>Back</button>
        <h1>{meeting ? meeting.roomId : 'Meeting'}</h1>
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      {meeting && (
        <>
          <dl className="details">
            <dt>Started</dt>
            <dd>{formatTime(meeting.startedAt)}</dd>
            <dt>Duration</dt>
            <dd data-testid="duration" data-ms={meeting.durationMs ?? ''}>
              {formatDuration(meeting.durationMs)}
              {meeting.endReason === 'interrupted' && ' (the app stopped during the meeting)'}
              {meeting.endReason === 'failed' && ' (the connection failed)'}
            </dd>
            <dt>Server</dt>
            <dd>{meeting.serverUrl}</dd>
          </dl>
          <h2>Participants</h2>
          <ul className="presence-list" aria-label="Participants">
            {meeting.participants.map((p, i) => (
              <li key={`${p.peerId}-${i}`} data-testid="presence">
                <strong>{p.isSelf ? `${p.displayName} (you)` : p.displayName}</strong> {formatClock(p.joinedAt)}–{p.leftAt === null ? 'now' : formatClock(p.leftAt)}
              </li>
            ))}
          </ul>
          {meeting.chat.length > 0 && (
            <>
              <h2>Chat</h2>
              <ol className="chat-log" aria-label="Chat">
                {meeting.chat.map((c, i) => (
                  <li key={i} data-testid="transcript-line" data-private={c.private || undefined}>
                    <span className="muted">{formatClock(c.sentAt)}</span> <strong>{c.senderName}</strong>
                    {c.private && <span className="muted">{c.recipientName ? ` (privately to ${c.recipientName})` : ' (privately)'}</span>}: {c.text}
                  </li>
                ))}
              </ol>
            </>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => onRejoin(meeting)}>Rejoin</button>
            <button type="button" className="danger" onClick={() => void browser.delete(meeting.meetingId).then(onBack)}>Delete from history</button>
          </div>
        </>
      )}
    </main>
  );
}
