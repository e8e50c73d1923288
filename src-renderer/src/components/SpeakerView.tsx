import type { RoomSession } from '../core/session/RoomSession';
import { Filmstrip } from './Filmstrip';
import { ParticipantTile } from './ParticipantTile';
import type { TileModel } from './tileModel';

interface Props {
  stage: TileModel;
  others: TileModel[];
  session: RoomSession;
  speakerKey: string | null;
  pinnedKey: string | null;
  onPin: (key: string) => void;
}

/** One person large (the pinned one, else whoever speaks), everyone else in a filmstrip. */
export function SpeakerView({ stage, others, session, speakerKey, pinnedKey, onPin }: Props) {
  const toggle = (tile: TileModel): (() => void) | undefined => (tile.isLocal ? undefined : () => onPin(tile.key));
  return (
    <div className="speaker-view">
      <section className="stage" aria-label="Main speaker">
        <ParticipantTile
          tile={stage}
          session={session}
          speaking={stage.key === speakerKey}
          pinned={stage.key === pinnedKey}
          onTogglePin={toggle(stage)}
        />
      </section>
      {others.length > 0 && (
        <Filmstrip label="Other participants" tiles={others} session={session} speakerKey={speakerKey} onPin={onPin} />
      )}
    </div>
  );
}
