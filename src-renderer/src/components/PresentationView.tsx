import { useState } from 'react';
import type { RoomSession } from '../core/session/RoomSession';
import { Filmstrip } from './Filmstrip';
import { SharePopOut } from './SharePopOut';
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
 * put it on the stage), cameras in a filmstrip below. A share popped out to its own window leaves
 * the stage (and the switcher) until that window closes or the share ends.
 */
export function PresentationView({ shares, selectedKey, onSelect, cameras, session, speakerKey, onPin }: Props) {
  const [poppedKey, setPoppedKey] = useState<string | null>(null);
  const popped = shares.find((s) => s.key === poppedKey && !s.isLocal) ?? null;
  const docked = shares.filter((s) => s !== popped);
  const selected = docked.find((s) => s.key === selectedKey) ?? docked.find((s) => !s.isLocal) ?? docked[0] ?? null;
  const others = docked.filter((share) => share !== selected);
  return (
    <div className="speaker-view presentation">
      {others.length > 0 && (
        <nav className="share-switcher" aria-label="Other shared screens">
          {others.map((share) => (
            <ShareTile key={share.key} share={share} session={session} onSelect={() => onSelect(share.key)} />
          ))}
        </nav>
      )}
      <section className="stage" aria-label="Shared screen">
        {selected ? (
          <ShareTile key={selected.key} share={selected} session={session} onPopOut={() => setPoppedKey(selected.key)} />
        ) : (
          <div className="tile share-tile share-elsewhere" data-testid="share-popped">
            <span>{popped?.displayName}'s screen is open in its own window.</span>
            <button type="button" onClick={() => setPoppedKey(null)}>
              Bring it back
            </button>
          </div>
        )}
      </section>
      {popped && <SharePopOut key={popped.key} share={popped} session={session} onClosed={() => setPoppedKey(null)} />}
      <Filmstrip label="Participants" tiles={cameras} session={session} speakerKey={speakerKey} onPin={onPin} />
    </div>
  );
}
