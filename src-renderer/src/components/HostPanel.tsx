import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { HostedMeeting } from '../../../src-common/ipc/host';
import { displayFingerprint } from '../../../src-common/invite';
import { PASSCODE_MIN_LENGTH, type Admission, type AdmissionMode, type Knock } from '../../../src-common/protocol';
import type { RoomSession } from '../core/session/RoomSession';

interface Props {
  meeting: HostedMeeting;
  session: RoomSession;
  onStopHosting: () => void;
}

/** The host's side panel in a meeting they host on the LAN: the invite, and the lobby. */
export function HostPanel({ meeting, session, onStopHosting }: Props) {
  return (
    <aside className="host-panel" aria-label="Hosting">
      <InvitePanel meeting={meeting} />
      <LobbyPanel session={session} />
      <button type="button" className="danger" onClick={onStopHosting}>Stop hosting</button>
    </aside>
  );
}

function InvitePanel({ meeting }: { meeting: HostedMeeting }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(meeting.link, { errorCorrectionLevel: 'M', margin: 1, width: 192 }).then(
      (url) => live && setQr(url),
      (error: unknown) => console.warn('the QR code could not be drawn', error),
    );
    return () => {
      live = false;
    };
  }, [meeting.link]);
  return (
    <section className="invite-panel" aria-label="Invite">
      <h2>Invite people on this network</h2>
      <p className="invite-code" aria-label="Meeting code">{meeting.code}</p>
      <label className="field">
        <span>Link for browsers</span>
        <input readOnly value={meeting.link} aria-label="Join link" onFocus={(e) => e.target.select()} />
      </label>
      <label className="field">
        <span>Link for the Parley app</span>
        <input readOnly value={meeting.deepLink} aria-label="App link" onFocus={(e) => e.target.select()} />
      </label>
      {qr && <img className="invite-qr" src={qr} alt="QR code of the join link" width={192} height={192} />}
      <div className="fingerprint" aria-label="Certificate fingerprint">
        <span>Guests’ browsers warn about the certificate once: it must show this SHA-256 fingerprint</span>
        <code>{displayFingerprint(meeting.fingerprint)}</code>
      </div>
    </section>
  );
}

function LobbyPanel({ session }: { session: RoomSession }) {
  const [knocks, setKnocks] = useState<Knock[]>([]);
  const [admission, setAdmission] = useState<Admission>({ mode: 'lobby' });
  const [passcode, setPasscode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const offKnocks = session.lobbyEvents.on('lobbyChanged', ({ knocks: next }) => setKnocks(next));
    const offAdmission = session.lobbyEvents.on('admissionChanged', ({ admission: next }) => setAdmission(next));
    // The server's alarm: many wrong passcodes from anywhere, so it stopped taking any for a while.
    const offGuessing = session.lobbyEvents.on('passcodeGuessing', ({ lockedForMs }) =>
      setProblem(`Many wrong passcodes were tried: nobody can enter by passcode for ${Math.ceil(lockedForMs / 60_000)} min. Someone may be guessing; consider the lobby.`),
    );
    const read = (): void => {
      session.request('getLobby', {}).then(
        (lobby) => {
          setKnocks(lobby.knocks);
          setAdmission(lobby.admission);
        },
        (error: unknown) => setProblem(`The lobby could not be read: ${String(error)}`),
      );
    };
    read();
    // Knocks that came while this connection was away (resume, rejoin) were not delivered here.
    const offConnected = session.events.on('connected', read);
    return () => {
      offKnocks();
      offAdmission();
      offGuessing();
      offConnected();
    };
  }, [session]);

  const act = (work: Promise<unknown>): void => {
    setProblem(null);
    work.catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  const choose = (mode: AdmissionMode): void => {
    if (mode === 'passcode') {
      if (passcode.trim().length >= PASSCODE_MIN_LENGTH) act(session.request('setAdmission', { mode, passcode: passcode.trim() }));
      else setProblem(`Type a passcode of at least ${PASSCODE_MIN_LENGTH} characters first.`);
      return;
    }
    act(session.request('setAdmission', { mode }));
  };

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
              <button type="button" className="primary" onClick={() => act(session.request('admitKnock', { knockId: knock.knockId }))}>Admit</button>
              <button type="button" onClick={() => act(session.request('denyKnock', { knockId: knock.knockId }))}>Deny</button>
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
