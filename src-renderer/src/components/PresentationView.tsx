import type { RoomSession } from '../core/RoomSession';
import { Filmstrip } from './Filmstrip';
import { ShareTile, type ShareModel } from './ShareTile';
import type { TileModel } from './tileModel';

interface Props {
  shares: ShareModel[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  cameras: TileModel[];
  session: RoomSession;
  speakerKey: string | null;
  onPin: (key: string) => void;
}

/**
 * While anyone shares: one share large, the other shares as live thumbnails above it (click one to
 * put it on the stage), cameras in a filmstrip below.
 */
export function PresentationView({ shares, selectedKey, onSelect, cameras, session, speakerKey, onPin }: Props) {
  const selected = shares.find((s) => s.key === selectedKey) ?? shares.find((s) => !s.isLocal) ?? shares[0]!;
  return (
    <div className="speaker-view presentation">
      {shares.length > 1 && (
        <nav className="share-switcher" aria-label="Other shared screens">
          {shares
            .filter((share) => share.key !== selected.key)
            .map((share) => (
              <ShareTile key={share.key} share={share} session={session} onSelect={() => onSelect(share.key)} />
            ))}
        </nav>
      )}
      <section className="stage" aria-label="Shared screen">
        <ShareTile key={selected.key} share={selected} session={session} />
      </section>
      <Filmstrip label="Participants" tiles={cameras} session={session} speakerKey={speakerKey} onPin={onPin} />
    </div>
  );
}
