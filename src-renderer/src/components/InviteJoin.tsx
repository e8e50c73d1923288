import { useEffect, useRef, useState } from 'react';
import { assertUnreachable } from '../../../src-common/errors';
import type { RoomId } from '../../../src-common/ids';
import { displayFingerprint, type CertFingerprint } from '../../../src-common/invite';
import type { LocalMedia } from '../core/media/LocalMedia';
import { MeetingEntry } from '../core/session/MeetingEntry';
import { signalingUrl } from '../core/app/route';
import { useMeetingName } from '../hooks/useMeetingName';
import { useStore } from '../hooks/useStore';
import { PreJoin } from './PreJoin';

interface Props {
  code: string;
  /** `https://<host>:<port>` of the hosted meeting. */
  server: string;
  /** From the invite link; shown so guests can compare it with the host's screen. */
  fingerprint: CertFingerprint | null;
  localMedia: LocalMedia;
  /** Joining the meeting itself, after admission (and its error). */
  joining: boolean;
  error: string | null;
  onAdmitted: (roomId: RoomId, sessionToken: string, displayName: string) => void;
}

/** The pre-join screen of an invite: name, devices, optional passcode, then the lobby's answer. */
export function InviteJoin({ code, server, fingerprint, localMedia, joining, error, onAdmitted }: Props) {
  const [entry, setEntry] = useState<{ entry: MeetingEntry; displayName: string } | null>(null);
  const [passcode, setPasscode] = useState('');
  const [entering, setEntering] = useState(false);
  const meetingName = useMeetingName(server, code);
  const enter = (displayName: string): void => {
    setEntering(true);
    void MeetingEntry.enter({ signalingUrl: signalingUrl(server), code, displayName, passcode: passcode.trim() })
      .then((created) => setEntry({ entry: created, displayName }))
      .finally(() => setEntering(false));
  };
  useEffect(() => () => entry?.entry.cancel(), [entry]);

  if (entry) {
    return <EntryProgress entry={entry.entry} displayName={entry.displayName} error={error} onAdmitted={onAdmitted} onBack={() => setEntry(null)} />;
  }
  return (
    <PreJoin
      roomId={code}
      title={meetingName ? `Join “${meetingName}”` : `Join meeting ${code}`}
      {...(meetingName ? { subtitle: `Meeting code ${code}` } : {})}
      localMedia={localMedia}
      joining={entering || joining}
      error={error}
      onJoin={enter}
    >
      <label className="field">
        <span>Passcode (if the host set one)</span>
        <input value={passcode} onChange={(e) => setPasscode(e.target.value)} maxLength={64} autoComplete="off" />
      </label>
      <FingerprintNote fingerprint={fingerprint} />
    </PreJoin>
  );
}

function FingerprintNote({ fingerprint }: { fingerprint: CertFingerprint | null }) {
  if (!fingerprint) return <p className="warning">This link carries no certificate fingerprint: ask the host for the full link.</p>;
  return (
    <div className="fingerprint" aria-label="Certificate fingerprint">
      <span>Certificate fingerprint: the host’s screen shows the same one</span>
      <code>{displayFingerprint(fingerprint)}</code>
    </div>
  );
}

interface ProgressProps {
  entry: MeetingEntry;
  displayName: string;
  error: string | null;
  onAdmitted: Props['onAdmitted'];
  onBack: () => void;
}

function EntryProgress({ entry, displayName, error, onAdmitted, onBack }: ProgressProps) {
  const state = useStore(entry.state);
  // Once: the token is one peer's, and a second join with it would supersede the first.
  const handedOver = useRef(false);
  useEffect(() => {
    if (state.status !== 'admitted' || handedOver.current) return;
    handedOver.current = true;
    onAdmitted(state.roomId, state.sessionToken, displayName);
  }, [state, displayName, onAdmitted]);
  switch (state.status) {
    case 'entering':
    case 'admitted':
      return (
        <main className="lobby-wait" aria-busy="true">
          <h1>{error ? 'Joining failed' : 'Joining…'}</h1>
          {error && <p className="error" role="alert">{error}</p>}
          {error && <button type="button" onClick={onBack}>Back</button>}
        </main>
      );
    case 'waiting':
      return (
        <main className="lobby-wait" aria-live="polite">
          <h1>Waiting for the host to let you in</h1>
          <p>“{state.meetingName}”: the host sees that you, {displayName}, are waiting.</p>
          <button type="button" onClick={() => { entry.cancel(); onBack(); }}>Stop waiting</button>
        </main>
      );
    case 'denied':
      return (
        <main className="lobby-wait lobby-denied">
          <h1>You were not let in</h1>
          <p role="alert">{capitalize(state.reason)}.</p>
          <button type="button" onClick={onBack}>Back</button>
        </main>
      );
    case 'failed':
      return (
        <main className="lobby-wait">
          <h1>Could not join</h1>
          <p className="error" role="alert">{state.error}</p>
          <button type="button" onClick={onBack}>Back</button>
        </main>
      );
    default:
      return assertUnreachable(state);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
