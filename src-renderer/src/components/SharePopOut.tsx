import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { RoomSession } from '../core/session/RoomSession';
import { openShareWindow } from '../core/meeting/shareWindow';
import { ShareTile, type ShareModel } from './ShareTile';

interface Props {
  share: ShareModel;
  session: RoomSession;
  /** The window was closed by the user, or could not open. */
  onClosed: () => void;
}

/** A share in its own window, for as long as this is mounted; it can go full-screen there too. */
export function SharePopOut({ share, session, onClosed }: Props) {
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const closed = useRef(onClosed);
  useEffect(() => {
    closed.current = onClosed;
  }, [onClosed]);
  const [title] = useState(() => `${share.displayName}'s screen – Parley`);

  useEffect(() => {
    let live = true;
    const opened = openShareWindow(title, () => live && closed.current());
    if (!opened) {
      console.warn('the share window could not open (blocked?)');
      closed.current();
      return undefined;
    }
    void opened.container.then((element) => live && setContainer(element));
    return () => {
      live = false;
      opened.close();
    };
  }, [title]);

  return container ? createPortal(<ShareTile share={share} session={session} />, container) : null;
}
