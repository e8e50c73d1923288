import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RoomId } from '../../src-common/ids';
import { connectBridge, type Bridge } from './bridge';
import { linkMeetingToDesktop, runCommand } from './core/desktopLink';
import { HistoryBrowser } from './core/HistoryBrowser';
import { recordHistory } from './core/HistoryRecorder';
import { LocalMedia } from './core/LocalMedia';
import { bridgeStore, localStorageStore } from './core/preferences';
import { RoomSession } from './core/RoomSession';
import { ScreenShare } from './core/ScreenShare';
import { ScreenSourcePicker } from './core/ScreenSourcePicker';
import { pageServer, parseRoute, roomPath, type Route } from './core/route';
import { useStore } from './hooks/useStore';
import { DesktopUpdates } from './components/DesktopUpdates';
import { HistoryScreen } from './components/HistoryScreen';
import { Home } from './components/Home';
import { Meeting } from './components/Meeting';
import { MeetingDetailsScreen } from './components/MeetingDetailsScreen';
import { PreJoin } from './components/PreJoin';
import { ScreenPicker } from './components/ScreenPicker';

/** The desktop app's suggestion before anything else is known: a server on this machine. */
const LOCAL_SERVER = 'http://127.0.0.1:8443';

function signalingUrl(server: string): string {
  const url = new URL('/ws', server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

const currentRoute = (): Route => parseRoute(location.pathname, location.search);

export function App() {
  const [bridge, setBridge] = useState<Bridge | null>(null);
  useEffect(() => {
    let live = true;
    void connectBridge().then((b) => live && setBridge(b));
    return () => {
      live = false;
    };
  }, []);
  if (!bridge) return <main className="loading" aria-busy="true" />;
  return (
    <DesktopUpdates updater={bridge.updater}>
      <Shell bridge={bridge} />
    </DesktopUpdates>
  );
}

function Shell({ bridge }: { bridge: Bridge }) {
  const [route, setRoute] = useState(currentRoute);
  const [localMedia, setLocalMedia] = useState<LocalMedia | null>(null);
  // The desktop app's own picker where main lists the sources; elsewhere getDisplayMedia() shows
  // the browser's or the system's, so there is one picker either way.
  const [picker] = useState(() => (bridge.devices && bridge.has('screenSources') ? new ScreenSourcePicker(bridge.devices) : null));
  const [screenShare] = useState(() => new ScreenShare(picker ? { pickSource: () => picker.pick() } : {}));
  const [session, setSession] = useState<RoomSession | null>(null);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastServer, setLastServer] = useState(LOCAL_SERVER);
  const browser = useMemo(() => (bridge.history ? new HistoryBrowser(bridge.history) : null), [bridge]);
  const ownServer = pageServer(location);

  const navigate = useCallback((path: string) => {
    history.pushState(null, '', path);
    setRoute(currentRoute());
  }, []);

  useEffect(() => {
    const onPop = (): void => setRoute(currentRoute());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    let live = true;
    let created: LocalMedia | null = null;
    const store = bridge.devices && bridge.has('devicePreferences') ? bridgeStore(bridge.devices) : localStorageStore(globalThis.localStorage);
    void LocalMedia.create(store).then((media) => {
      if (live) setLocalMedia((created = media));
      else media.stop();
    });
    return () => {
      live = false;
      created?.stop();
    };
  }, [bridge]);

  // The desktop app suggests the server of the last meeting.
  useEffect(() => {
    bridge.history
      ?.list({ limit: 1 })
      .then(([latest]) => latest && setLastServer(latest.serverUrl))
      .catch((e: unknown) => console.warn('reading the last server from the history failed', e));
  }, [bridge]);

  useEffect(
    () =>
      bridge.onCommand((command) =>
        runCommand(command, {
          toggleMicrophone: () => localMedia?.setMicMuted(!localMedia.state.get().prefs.micMuted),
          leaveMeeting: () => session?.leave(),
          stopSharing: () => screenShare.stop(),
          showHistory: () => !session && browser && navigate('/history'),
          showHome: () => !session && navigate('/'),
        }),
      ),
    [bridge, localMedia, session, screenShare, browser, navigate],
  );

  const roomServer = route.kind === 'room' ? (route.server ?? ownServer) : null;
  const inRoom = route.kind === 'room' && roomServer !== null;
  useEffect(() => {
    if (inRoom && localMedia) void localMedia.start();
  }, [inRoom, localMedia]);

  if (!localMedia) return <main className="loading" aria-busy="true" />;

  if (route.kind === 'history' && browser) {
    return <HistoryScreen browser={browser} onOpen={(id) => navigate(`/history/${id}`)} onBack={() => navigate('/')} />;
  }
  if (route.kind === 'meeting' && browser) {
    return (
      <MeetingDetailsScreen
        browser={browser}
        meetingId={route.meetingId}
        onBack={() => navigate('/history')}
        onRejoin={(m) => navigate(roomPath(m.roomId, m.serverUrl === ownServer ? null : m.serverUrl))}
      />
    );
  }
  if (route.kind !== 'room' || roomServer === null) {
    return (
      <Home
        askServer={ownServer === null}
        defaultServer={lastServer}
        onOpen={(id, server) => navigate(roomPath(id, server))}
        onShowHistory={browser ? () => navigate('/history') : null}
        historyProblem={bridge.app ? (bridge.capabilities.missing.find((m) => m.capability === 'history')?.reason ?? null) : null}
      />
    );
  }

  const roomId = route.roomId as RoomId;
  const join = (displayName: string): void => {
    setJoining(true);
    setError(null);
    RoomSession.join({ signalingUrl: signalingUrl(roomServer), roomId, displayName, localMedia, screenShare })
      .then((joined) => {
        // Attached at once, not in an effect: the history must see the end even if the view is gone.
        if (bridge.history) recordHistory(joined, bridge.history, { roomId, serverUrl: roomServer, displayName, role: 'guest' });
        setSession(joined);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setJoining(false));
  };

  if (session) {
    return (
      <SessionView
        bridge={bridge}
        roomId={roomId}
        session={session}
        localMedia={localMedia}
        screenShare={screenShare}
        picker={picker}
        onEnd={(message) => {
          picker?.cancel();
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
  bridge: Bridge;
  roomId: RoomId;
  session: RoomSession;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  picker: ScreenSourcePicker | null;
  onEnd: (message: string | null) => void;
}

function SessionView({ bridge, roomId, session, localMedia, screenShare, picker, onEnd }: SessionViewProps) {
  const { status, error } = useStore(session.state);
  useEffect(() => {
    if (status === 'failed') onEnd(error);
    if (status === 'left') onEnd(null);
  }, [status, error, onEnd]);
  useEffect(
    () => (bridge.app ? linkMeetingToDesktop(bridge.app, roomId, session, localMedia, screenShare) : undefined),
    [bridge, roomId, session, localMedia, screenShare],
  );
  return (
    <>
      <Meeting roomId={roomId} session={session} localMedia={localMedia} screenShare={screenShare} onLeave={() => session.leave()} />
      {picker && <ScreenPicker picker={picker} />}
    </>
  );
}
