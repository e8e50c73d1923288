import { useEffect, useState } from 'react';
import type { HostClient } from '../../../src-common/ipc/events';
import type { DiscoveredMeetingInfo, HostedMeeting } from '../../../src-common/ipc/host';
import { defaultMeetingName, MEETING_NAME_MAX } from '../../../src-common/validation';

interface Props {
  host: HostClient;
  /** The name the user goes by (from the device preferences), for the meeting's default name. */
  displayName: string;
  onHosted: (meeting: HostedMeeting, hostName: string) => void;
  /** Opens a meeting found on the network (its certificate is pinned first). */
  onOpenNearby: (meeting: DiscoveredMeetingInfo) => void;
  /** The meeting this app hosts now, if any: offered to go back to, or to stop. */
  hosting: HostedMeeting | null;
  onReturn: () => void;
  onStopHosting: () => void;
}

/** Desktop home additions: host a meeting on this network, and the meetings others host here. */
export function LanHome({ host, displayName, onHosted, onOpenNearby, hosting, onReturn, onStopHosting }: Props) {
  const [name, setName] = useState(displayName);
  const [meetingName, setMeetingName] = useState('');
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [nearby, setNearby] = useState<DiscoveredMeetingInfo[]>([]);
  const hostName = name.trim() || 'Host';
  const defaultName = defaultMeetingName(hostName);

  // Asked once (which starts browsing the network), then main tells of every change.
  useEffect(() => {
    let live = true;
    // A list pushed before the first answer is newer than that answer.
    let pushed = false;
    const stops = [
      host.onNearby((list) => {
        pushed = true;
        setNearby(list);
      }),
      host.onStatus((status) => status.failure && setProblem(status.failure)),
    ];
    host.listNearby({}).then(
      (list) => live && !pushed && setNearby(list),
      (error: unknown) => console.warn('listing the meetings on this network failed', error),
    );
    host.status({}).then(
      (status) => live && status.failure && setProblem(status.failure),
      (error: unknown) => console.warn('reading the host status failed', error),
    );
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [host]);

  const start = (): void => {
    setStarting(true);
    setProblem(null);
    host
      .start({ meetingName: meetingName.trim() || defaultName, hostName })
      .then((meeting) => onHosted(meeting, hostName))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
      .finally(() => setStarting(false));
  };

  return (
    <section className="lan-home" aria-label="On this network">
      {hosting ? (
        <div className="hosting-now" role="status">
          <p>You are hosting “{hosting.meetingName}” ({hosting.code}) on this network.</p>
          <button type="button" className="primary" onClick={onReturn}>Return to the meeting</button>
          <button type="button" onClick={onStopHosting}>Stop hosting</button>
        </div>
      ) : (
        <>
          <label className="field">
            <span>Your name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={64} placeholder="Name shown to others" />
          </label>
          <label className="field">
            <span>Name for your meeting</span>
            <input value={meetingName} onChange={(e) => setMeetingName(e.target.value)} maxLength={MEETING_NAME_MAX} placeholder={defaultName} />
          </label>
          <button type="button" className="primary" disabled={starting} onClick={start}>
            {starting ? 'Starting…' : 'Host on this network'}
          </button>
        </>
      )}
      {problem && <p className="error" role="alert">{problem}</p>}
      <h2>Meetings on this network</h2>
      {nearby.length === 0 ? (
        <p className="muted">None found yet. Meetings hosted on this network appear here.</p>
      ) : (
        <ul className="nearby" aria-label="Meetings on this network">
          {nearby.map((meeting) => (
            <li key={meeting.id}>
              <span>{meeting.name}</span> <code>{meeting.code}</code>
              <button type="button" onClick={() => onOpenNearby(meeting)}>Join</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
