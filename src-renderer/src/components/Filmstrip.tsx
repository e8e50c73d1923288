import type { RoomSession } from '../core/session/RoomSession';
import { ParticipantTile } from './ParticipantTile';
import type { TileModel } from './tileModel';

interface Props {
  label: string;
  tiles: TileModel[];
  session: RoomSession;
  speakerKey: string | null;
  onPin: (key: string) => void;
}

/** A row of small tiles under the stage; scrolled-away tiles count as hidden (adaptive video). */
export function Filmstrip({ label, tiles, session, speakerKey, onPin }: Props) {
  return (
    <section className="filmstrip" aria-label={label}>
      {tiles.map((tile) => (
        <ParticipantTile
          key={tile.key}
          tile={tile}
          session={session}
          speaking={tile.key === speakerKey}
          pinned={false}
          onTogglePin={tile.isLocal ? undefined : () => onPin(tile.key)}
        />
      ))}
    </section>
  );
}
