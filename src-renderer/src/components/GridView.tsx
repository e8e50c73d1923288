import { useEffect, useRef } from 'react';
import { arrange, GAP, pageCapacity, paginate } from '../core/meeting/gridLayout';
import type { RoomSession } from '../core/session/RoomSession';
import { useElementSize } from '../hooks/useElementSize';
import { ChevronIcon } from './icons';
import { ParticipantTile } from './ParticipantTile';
import type { TileModel } from './tileModel';

interface Props {
  tiles: TileModel[];
  session: RoomSession;
  speakerKey: string | null;
  page: number;
  onPage: (page: number) => void;
  onPin: (key: string) => void;
}

/**
 * Everyone in equal tiles, as many per page as fit the window; tiles on other pages are not
 * rendered, so their video is paused on the server until someone pages to them.
 */
export function GridView({ tiles, session, speakerKey, page, onPage, onPin }: Props) {
  const ref = useRef<HTMLElement>(null);
  const { width, height } = useElementSize(ref);
  const pages = paginate(tiles, pageCapacity(width, height));
  const current = Math.min(page, pages.length - 1);
  useEffect(() => {
    if (current !== page) onPage(current);
  }, [current, page, onPage]);
  const onPage_ = pages[current] ?? [];
  const { columns, tileWidth, tileHeight } = arrange(onPage_.length, width, height);
  return (
    <div className="grid-view">
      <section ref={ref} className="grid" aria-label="Participants" style={{ gridTemplateColumns: `repeat(${columns}, ${tileWidth}px)`, gap: GAP }}>
        {width > 0 &&
          onPage_.map((tile) => (
            <ParticipantTile
              key={tile.key}
              tile={tile}
              session={session}
              speaking={tile.key === speakerKey}
              pinned={false}
              onTogglePin={tile.isLocal ? undefined : () => onPin(tile.key)}
              style={{ width: tileWidth, height: tileHeight }}
            />
          ))}
      </section>
      {pages.length > 1 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" aria-label="Previous page" title="Previous page" disabled={current === 0} onClick={() => onPage(current - 1)}>
            <ChevronIcon direction="left" />
          </button>
          <span aria-live="polite">
            {current + 1} / {pages.length}
          </span>
          <button type="button" aria-label="Next page" title="Next page" disabled={current === pages.length - 1} onClick={() => onPage(current + 1)}>
            <ChevronIcon direction="right" />
          </button>
        </nav>
      )}
    </div>
  );
}
