import type { LocalMedia } from '../core/LocalMedia';
import { isMicMuted, type RemoteParticipant } from '../core/Participants';
import type { RoomSession } from '../core/RoomSession';
import { useStore } from '../hooks/useStore';
import { ControlBar } from './ControlBar';
import { ParticipantTile } from './ParticipantTile';

interface Props {
  roomId: string;
  session: RoomSession;
  localMedia: LocalMedia;
  onLeave: () => void;
}

/** Columns for n tiles so the grid stays close to square. */
function columnsFor(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/** The meeting: a grid of tiles (you first, then others in join order) and the control bar. */
export function Meeting({ roomId, session, localMedia, onLeave }: Props) {
  const { participants } = useStore(session.state);
  const { camera, prefs } = useStore(localMedia.state);
  const count = participants.length + 1;
  return (
    <main className="meeting">
      <header className="meeting-header">
        <h1>{roomId}</h1>
        <span aria-live="polite">{count === 1 ? 'Only you are here' : `${count} people`}</span>
      </header>
      <section className="grid" style={{ gridTemplateColumns: `repeat(${columnsFor(count)}, minmax(0, 1fr))` }} aria-label="Participants">
        <ParticipantTile displayName={prefs.displayName} video={camera ?? undefined} audio={undefined} micMuted={prefs.micMuted} isLocal speakerId={undefined} />
        {participants.map((p: RemoteParticipant) => (
          <ParticipantTile
            key={p.peerId}
            displayName={p.displayName}
            video={p.published.camera?.paused ? undefined : p.tracks.camera}
            audio={p.tracks.microphone}
            micMuted={isMicMuted(p)}
            isLocal={false}
            speakerId={prefs.speakerId}
          />
        ))}
      </section>
      <ControlBar localMedia={localMedia} onLeave={onLeave} />
    </main>
  );
}
