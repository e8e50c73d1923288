import { useState } from 'react';
import type { HostedMeeting } from '../../../src-common/ipc/host';
import { displayFingerprint } from '../../../src-common/invite';
import type { AdmissionMode } from '../../../src-common/protocol';
import type { Lobby } from '../core/meeting/Lobby';
import { useQrCode } from '../hooks/useQrCode';
import { useStore } from '../hooks/useStore';
import { CopyButton } from './CopyButton';

interface Props {
  meeting: HostedMeeting;
  /** The meeting's lobby (knocks, admission), from core/meeting. */
  lobby: Lobby;
  onStopHosting: () => void;
}

/** The host's side panel in a meeting they host on the LAN: the invite, and the lobby. */
export function HostPanel({ meeting, lobby, onStopHosting }: Props) {
  return (
    <aside className="host-panel" aria-label="Hosting">
      <InvitePanel meeting={meeting} />
      <LobbyPanel lobby={lobby} />
      <button type="button" className="danger" onClick={onStopHosting}>Stop hosting</button>
    </aside>
  );
}

function InvitePanel({ meeting }: { meeting: HostedMeeting }) {
  const qr = useQrCode(meeting.link);
  return (
    <section className="invite-panel" aria-label="Invite">
      <h2>Invite people on this network</h2>
      <p className="invite-name" aria-label="Meeting name">{meeting.meetingName}</p>
      <p className="invite-code" aria-label="Meeting code">{meeting.code}</p>
      <label className="field">
        <span>Link for browsers</span>
        <input readOnly value={meeting.link} aria-label="Join link" onFocus={(e) => e.target.select()} />
      </label>
      <CopyButton text={meeting.link} what="join link" />
      <label className="field">
        <span>Link for the Parley app</span>
        <input readOnly value={meeting.deepLink} aria-label="App link" onFocus={(e) => e.target.select()} />
      </label>
      <CopyButton text={meeting.deepLink} what="app link" />
      {qr && <img className="invite-qr" src={qr} alt="QR code of the join link" width={192} height={192} />}
      <div className="fingerprint" aria-label="Certificate fingerprint">
        <span>Guests’ browsers warn about the certificate once: it must show this SHA-256 fingerprint</span>
        <code>{displayFingerprint(meeting.fingerprint)}</code>
      </div>
    </section>
  );
}

function LobbyPanel({ lobby }: { lobby: Lobby }) {
  const { knocks, admission, problem } = useStore(lobby.state);
  const [passcode, setPasscode] = useState('');
  const choose = (mode: AdmissionMode): void => void lobby.choose(mode, passcode);

  return (
    <section className="lobby-panel" aria-label="Lobby">
      <h2>Lobby</h2>
      {knocks.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <ul className="knocks">
          {knocks.map((knock) => (
            <li key={knock.knockId} aria-label={`${knock.displayName} is waiting`}>
              <span>{knock.displayName}</span>
              <button type="button" className="primary" onClick={() => void lobby.admit(knock.knockId)}>Admit</button>
              <button type="button" onClick={() => void lobby.deny(knock.knockId)}>Deny</button>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="admission">
        <legend>Who gets in</legend>
        <label className="toggle">
          <input type="radio" name="admission" checked={admission.mode === 'lobby'} onChange={() => choose('lobby')} />
          Everyone knocks; I decide
        </label>
        <label className="toggle">
          <input type="radio" name="admission" checked={admission.mode === 'open'} onChange={() => choose('open')} />
          Open: anyone with the code
        </label>
        <label className="toggle">
          <input type="radio" name="admission" checked={admission.mode === 'passcode'} onChange={() => choose('passcode')} />
          Anyone with the code and the passcode
        </label>
        <input
          value={admission.mode === 'passcode' && !passcode ? admission.passcode : passcode}
          onChange={(e) => setPasscode(e.target.value)}
          placeholder="Passcode"
          aria-label="Passcode"
          maxLength={64}
        />
      </fieldset>
      {problem && <p className="error" role="alert">{problem}</p>}
    </section>
  );
}
