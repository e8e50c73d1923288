import { useRef, type CSSProperties } from 'react';
import type { RoomSession } from '../core/session/RoomSession';
import { useInMeeting } from '../hooks/useInMeeting';
import { useTileView } from '../hooks/useTileView';
import { MicIcon, PinIcon } from './icons';
import { LevelIndicator } from './LevelIndicator';
import { tileMicMuted, tileVideo, type TileModel } from './tileModel';
import { TileOverlay } from './TileOverlay';
import { VideoView } from './VideoView';

interface Props {
  tile: TileModel;
  session: RoomSession;
  speaking: boolean;
  pinned: boolean;
  /** Pin or unpin; absent where pinning makes no sense (your own tile). */
  onTogglePin?: (() => void) | undefined;
  style?: CSSProperties;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : name.slice(0, 2)).toUpperCase();
}

/**
 * One person: their video (or an avatar with initials), name, mute badge, level and speaking
 * border. The tile reports its size and visibility so the server sends the right layer.
 */
export function ParticipantTile({ tile, session, speaking, pinned, onTogglePin, style }: Props) {
  const ref = useRef<HTMLElement>(null);
  const video = tileVideo(tile);
  useTileView(ref, video ? tile.camera.consumerId : undefined, pinned, session.views);
  const meeting = useInMeeting();
  const label = tile.isLocal ? `${tile.displayName} (you)` : tile.displayName;
  return (
    <figure
      ref={ref}
      className={speaking ? 'tile speaking' : 'tile'}
      style={style}
      data-testid="tile"
      data-peer-name={tile.displayName}
      data-peer-id={tile.peerId ?? undefined}
      data-local={tile.isLocal || undefined}
      data-speaking={speaking || undefined}
      data-pinned={pinned || undefined}
      data-reconnecting={tile.reconnecting || undefined}
    >
      {video ? (
        <VideoView track={video} mirrored={tile.isLocal} label={`Video of ${label}`} />
      ) : (
        <div className="tile-placeholder" aria-hidden="true">
          <span className="avatar">{initials(tile.displayName)}</span>
        </div>
      )}
      {video && tile.camera.limit && !tile.reconnecting && (
        <p className="tile-limited" data-testid="video-limited" data-reason={tile.camera.limit}>
          {tile.camera.limit === 'bandwidth' ? 'Lower quality: your connection is slow' : `Lower quality: ${tile.displayName} sends less`}
        </p>
      )}
      {tile.reconnecting && (
        <p className="tile-reconnecting" role="status">
          Reconnecting…
        </p>
      )}
      <figcaption className="tile-name">
        {tileMicMuted(tile) ? (
          <span className="badge-muted" role="img" aria-label="microphone muted" title="Microphone muted">
            <MicIcon off />
          </span>
        ) : (
          tile.peerId && <LevelIndicator session={session} peerId={tile.peerId} />
        )}
        {label}
      </figcaption>
      {meeting && tile.peerId && <TileOverlay meeting={meeting} peerId={tile.peerId} />}
      {onTogglePin && (
        <button
          type="button"
          className="tile-pin"
          aria-pressed={pinned}
          aria-label={`${pinned ? 'Unpin' : 'Pin'} ${tile.displayName}`}
          title={`${pinned ? 'Unpin' : 'Pin'} ${tile.displayName}`}
          onClick={onTogglePin}
        >
          <PinIcon />
        </button>
      )}
    </figure>
  );
}
