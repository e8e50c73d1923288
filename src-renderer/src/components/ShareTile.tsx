import { useRef } from 'react';
import type { TrackRef } from '../core/media/trackRef';
import type { RoomSession } from '../core/session/RoomSession';
import { useTileView } from '../hooks/useTileView';
import { FullscreenIcon, PopOutIcon } from './icons';
import { VideoView } from './VideoView';

/** A share is the screen's reference (core/media/trackRef), like every tile's source. */
export type ShareModel = TrackRef;

/**
 * A shared screen on the stage. Your own share is not shown (a picture of your screen inside your
 * screen is an endless mirror); a paused share says so; any share can go full-screen, and on the
 * stage it can move to its own window.
 */
interface Props {
  share: ShareModel;
  session: RoomSession;
  /** A thumbnail in the share switcher: clicking it puts this share on the stage. */
  onSelect?: (() => void) | undefined;
  /** Offers to move this share to its own window. */
  onPopOut?: (() => void) | undefined;
}

export function ShareTile({ share, session, onSelect, onPopOut }: Props) {
  const ref = useRef<HTMLElement>(null);
  useTileView(ref, share.isLocal ? undefined : share.consumerId, !onSelect, session.views);
  const label = share.isLocal ? 'Your screen' : `${share.displayName}'s screen`;
  const paused = share.publication?.paused === true;
  return (
    <figure
      ref={ref}
      className={onSelect ? 'tile share-tile thumbnail' : 'tile share-tile'}
      data-testid="share"
      data-peer-name={share.displayName}
      data-local={share.isLocal || undefined}
    >
      {share.isLocal ? (
        <div className="tile-placeholder share-self">You are presenting your screen to everyone.</div>
      ) : share.track && !paused ? (
        <VideoView track={share.track} label={label} fit="contain" />
      ) : (
        <div className="tile-placeholder">{paused ? `${share.displayName} paused sharing` : 'Connecting…'}</div>
      )}
      <figcaption className="tile-name">{label}</figcaption>
      {onSelect && <button type="button" className="share-select" aria-label={`Show ${label}`} title={`Show ${label}`} onClick={onSelect} />}
      {!share.isLocal && !onSelect && (
        <button
          type="button"
          className="tile-fullscreen"
          aria-label={`Show ${label} full screen`}
          title={`Show ${label} full screen`}
          onClick={() => void ref.current?.requestFullscreen().catch((error: unknown) => console.warn('full screen refused', error))}
        >
          <FullscreenIcon />
        </button>
      )}
      {!share.isLocal && !onSelect && onPopOut && (
        <button type="button" className="tile-popout" aria-label={`Open ${label} in its own window`} title={`Open ${label} in its own window`} onClick={onPopOut}>
          <PopOutIcon />
        </button>
      )}
    </figure>
  );
}
