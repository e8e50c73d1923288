import type { FinalEnd } from '../core/session/notifications';

interface Props {
  end: Exclude<FinalEnd, null>;
  message: string;
  onHome: () => void;
}

/** After being removed or after the host ended the meeting: says why, and does not offer to rejoin. */
export function MeetingEnded({ end, message, onHome }: Props) {
  return (
    <main className="home meeting-ended" data-testid="meeting-ended" data-end={end}>
      <h1>{end === 'removed' ? 'You were removed from the meeting' : 'The meeting has ended'}</h1>
      <p role="alert">{message}</p>
      <button type="button" className="primary" onClick={onHome}>
        Back to the start
      </button>
    </main>
  );
}
