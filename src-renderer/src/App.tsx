import { useEffect, useState } from 'react';
import type { RoomId } from '../../src-common/ids';
import { LocalMedia } from './core/LocalMedia';
import { RoomSession } from './core/RoomSession';
import { ScreenShare } from './core/ScreenShare';
import { useStore } from './hooks/useStore';
import { Home } from './components/Home';
import { Meeting } from './components/Meeting';
import { PreJoin } from './components/PreJoin';

/** Room links look like /r/<room>. */
function roomFromLocation(): string | null {
  const match = /^\/r\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
  return match ? match[1]! : null;
}

function signalingUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export function App() {
  const [roomId, setRoomId] = useState(roomFromLocation);
  const [localMedia] = useState(() => new LocalMedia());
  const [screenShare] = useState(() => new ScreenShare());
  const [session, setSession] = useState<RoomSession | null>(null);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (roomId) void localMedia.start();
  }, [roomId, localMedia]);
  useEffect(() => () => localMedia.stop(), [localMedia]);
  useEffect(() => {
    const onPop = (): void => setRoomId(roomFromLocation());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  if (!roomId) {
    return (
      <Home
        onOpen={(id) => {
          history.pushState(null, '', `/r/${id}`);
          setRoomId(id);
        }}
      />
    );
  }

  const join = (displayName: string): void => {
    setJoining(true);
    setError(null);
    RoomSession.join({ signalingUrl: signalingUrl(), roomId: roomId as RoomId, displayName, localMedia, screenShare })
      .then(setSession)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setJoining(false));
  };

  if (session) {
    return (
      <SessionView
        roomId={roomId}
        session={session}
        localMedia={localMedia}
        screenShare={screenShare}
        onEnd={(message) => {
          screenShare.stop();
          setSession(null);
          setError(message);
        }}
      />
    );
  }
  return <PreJoin roomId={roomId} localMedia={localMedia} joining={joining} error={error} onJoin={join} />;
}

interface SessionViewProps {
  roomId: string;
  session: RoomSession;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  onEnd: (message: string | null) => void;
}

function SessionView({ roomId, session, localMedia, screenShare, onEnd }: SessionViewProps) {
  const { status, error } = useStore(session.state);
  useEffect(() => {
    if (status === 'failed') onEnd(error);
    if (status === 'left') onEnd(null);
  }, [status, error, onEnd]);
  return <Meeting roomId={roomId} session={session} localMedia={localMedia} screenShare={screenShare} onLeave={() => session.leave()} />;
}
