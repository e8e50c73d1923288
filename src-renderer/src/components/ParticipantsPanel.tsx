import { useState } from 'react';
import type { PeerId } from '../../../src-common/ids';
import { canModerate, type Role } from '../../../src-common/protocol';
import type { InMeeting } from '../core/meeting/InMeeting';
import type { RemoteParticipant } from '../core/media/Participants';
import { isMuted, remoteTrackRef } from '../core/media/trackRef';
import { useStore } from '../hooks/useStore';
import { CameraIcon, MicIcon, ScreenIcon } from './icons';
import { PersonActions } from './PersonActions';
import { QualityBars, QualityDetails } from './QualityBars';

const ROLE_LABELS: Record<Role, string> = { host: 'Host', cohost: 'Co-host', participant: '' };

/** One row's facts, for you and for everyone else alike. */
interface Person {
  peerId: PeerId;
  name: string;
  role: Role;
  isLocal: boolean;
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
}

interface Props {
  meeting: InMeeting;
  localPeerId: PeerId | null;
  localName: string;
  localRole: Role | null;
  local: { micOn: boolean; cameraOn: boolean; sharing: boolean };
  participants: readonly RemoteParticipant[];
  onClose: () => void;
}

/**
 * Everyone in the meeting with their role, mic, camera, share, hand and connection quality; the
 * raised hands in the order they went up; and, for hosts and co-hosts, the moderation controls
 * (the server checks every one of them again).
 */
export function ParticipantsPanel({ meeting, localPeerId, localName, localRole, local, participants, onClose }: Props) {
  const hands = useStore(meeting.hands.state);
  const quality = useStore(meeting.quality.state);
  const { locked } = useStore(meeting.moderation.state);
  const [details, setDetails] = useState<PeerId | null>(null);
  const moderator = localRole !== null && canModerate(localRole);
  const people: Person[] = [
    ...(localPeerId ? [{ peerId: localPeerId, name: localName, role: localRole ?? 'participant', isLocal: true, ...local }] : []),
    ...participants.map((p) => ({
      peerId: p.peerId,
      name: p.displayName,
      role: p.role,
      isLocal: false,
      micOn: !isMuted(remoteTrackRef(p, 'microphone')),
      cameraOn: !isMuted(remoteTrackRef(p, 'camera')),
      sharing: remoteTrackRef(p, 'screen').publication !== null,
    })),
  ];
  const nameOf = (peerId: PeerId): string => people.find((p) => p.peerId === peerId)?.name ?? 'Someone';
  const { moderation } = meeting;

  return (
    <aside className="side-panel participants-panel" aria-label="Participants">
      <header className="side-panel-header">
        <h2>Participants ({people.length})</h2>
        <button type="button" onClick={onClose} aria-label="Close participants">
          ✕
        </button>
      </header>
      {moderator && (
        <div className="panel-actions">
          <button type="button" onClick={() => void moderation.muteEveryone()}>
            Mute everyone
          </button>
          <button type="button" aria-pressed={locked} onClick={() => void moderation.lock(!locked)}>
            {locked ? 'Unlock meeting' : 'Lock meeting'}
          </button>
        </div>
      )}
      {!moderator && locked && <p className="muted">The meeting is locked.</p>}
      {hands.length > 0 && (
        <section aria-label="Raised hands">
          <h3>
            Raised hands{' '}
            {moderator && (
              <button type="button" onClick={() => void meeting.hands.lowerAll()}>
                Lower all
              </button>
            )}
          </h3>
          <ol className="hand-list">
            {hands.map((hand, i) => (
              <li key={hand.peerId} data-testid="raised-hand" data-peer-name={nameOf(hand.peerId)}>
                <span aria-hidden="true">✋</span> {i + 1}. {nameOf(hand.peerId)}
                {moderator && hand.peerId !== localPeerId && (
                  <button type="button" onClick={() => void meeting.hands.lower(hand.peerId)} aria-label={`Lower ${nameOf(hand.peerId)}'s hand`}>
                    Lower
                  </button>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <ul className="people" aria-label="Everyone">
        {people.map((p) => {
          const q = quality.get(p.peerId);
          const handAt = hands.findIndex((h) => h.peerId === p.peerId);
          return (
            <li key={p.peerId} className="person" data-testid="participant" data-peer-name={p.name} data-role={p.role}>
              <div className="person-line">
                <strong>{p.isLocal ? `${p.name} (you)` : p.name}</strong>
                {ROLE_LABELS[p.role] && <span className="role-badge">{ROLE_LABELS[p.role]}</span>}
                {handAt >= 0 && (
                  <span role="img" aria-label={`hand raised, number ${handAt + 1}`}>
                    ✋
                  </span>
                )}
                <span className="person-state">
                  <span role="img" aria-label={p.micOn ? 'microphone on' : 'microphone off'} className={p.micOn ? '' : 'off'}>
                    <MicIcon off={!p.micOn} />
                  </span>
                  <span role="img" aria-label={p.cameraOn ? 'camera on' : 'camera off'} className={p.cameraOn ? '' : 'off'}>
                    <CameraIcon off={!p.cameraOn} />
                  </span>
                  {p.sharing && (
                    <span role="img" aria-label="sharing the screen">
                      <ScreenIcon />
                    </span>
                  )}
                  <button
                    type="button"
                    className="quality-button"
                    aria-expanded={details === p.peerId}
                    aria-label={`Connection details for ${p.name}`}
                    onClick={() => setDetails((d) => (d === p.peerId ? null : p.peerId))}
                  >
                    <QualityBars quality={q} />
                  </button>
                </span>
              </div>
              {details === p.peerId && <QualityDetails quality={q} own={p.isLocal} />}
              {moderator && !p.isLocal && <PersonActions moderation={moderation} person={p} />}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
