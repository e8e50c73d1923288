import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RoomId } from '../../src-common/ids';
import { connectBridge, type Bridge } from './bridge';
import { linkMeetingToDesktop, runCommand } from './core/desktop/desktopLink';
import { HistoryBrowser } from './core/desktop/HistoryBrowser';
import { recordHistory } from './core/desktop/HistoryRecorder';
import { LocalMedia } from './core/media/LocalMedia';
import { linkChatToDesktop } from './core/desktop/chatDesktopLink';
import { InMeeting } from './core/meeting/InMeeting';
import { finalEndOf, type FinalEnd } from './core/session/notifications';
import { bridgeStore, localStorageStore } from './core/media/preferences';
import { RoomSession } from './core/session/RoomSession';
import { ScreenShare } from './core/media/ScreenShare';
import { ScreenSourcePicker } from './core/media/ScreenSourcePicker';
import { invitePath, pageServer, parseRoute, roomPath, signalingUrl, type Route } from './core/app/route';
import type { HostedMeeting } from '../../src-common/ipc/host';
import { useStore } from './hooks/useStore';
import { DesktopUpdates } from './components/DesktopUpdates';
import { HistoryScreen } from './components/HistoryScreen';
import { HostPanel } from './components/HostPanel';
import { InviteJoin } from './components/InviteJoin';
import { LanHome } from './components/LanHome';
import { Home } from './components/Home';
import { Meeting } from './components/Meeting';
import { MeetingDetailsScreen } from './components/MeetingDetailsScreen';
import { MeetingEnded } from './components/MeetingEnded';
import { PreJoin } from './components/PreJoin';
import { ScreenPicker } from './components/ScreenPicker';

/** The desktop app's suggestion before anything else is known: a server on this machine. */
const LOCAL_SERVER = 'http://127.0.0.1:8443';

const currentRoute = (): Route => parseRoute(location.pathname, location.search, location.hash);

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
  const [inMeeting, setInMeeting] = useState<InMeeting | null>(null);
  /** Removed, or the host ended the meeting: shown instead of the pre-join screen, never rejoined by itself. */
  const [finalEnd, setFinalEnd] = useState<{ end: Exclude<FinalEnd, null>; message: string } | null>(null);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastServer, setLastServer] = useState(LOCAL_SERVER);
  /** The meeting this app hosts on the LAN (desktop), joined with its host token. */
  const [hosting, setHosting] = useState<HostedMeeting | null>(null);
  /** The room of a session entered by invite (its route names the code, not the room). */
  const [invitedRoom, setInvitedRoom] = useState<RoomId | null>(null);
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

  // A meeting this app still hosts (the window was reloaded) is offered again on the home screen.
  useEffect(() => {
    bridge.host
      ?.status({})
      .then((status) => status.meeting && setHosting(status.meeting))
      .catch((e: unknown) => console.warn('reading the hosting status failed', e));
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
  // Capture starts on the pre-join screen (a room link, or an invite).
  const inRoom = (route.kind === 'room' && roomServer !== null) || route.kind === 'invite';
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
  const joinRoom = (roomId: RoomId, server: string, displayName: string, sessionToken?: string): void => {
    setJoining(true);
    setError(null);
    RoomSession.join({ signalingUrl: signalingUrl(server), roomId, displayName, localMedia, screenShare, ...(sessionToken ? { sessionToken } : {}) })
      .then((joined) => {
        // Attached at once, not in an effect: the history must see the end even if the view is gone.
        const features = new InMeeting(joined, { localMedia, screenShare });
        const role = hosting?.roomId === roomId ? 'host' : 'guest';
        if (bridge.history) recordHistory(joined, bridge.history, { roomId, serverUrl: server, displayName, role }, features.chat);
        setInMeeting(features);
        setSession(joined);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setJoining(false));
  };
  const endSession = (message: string | null, closeCode: number | null): void => {
    picker?.cancel();
    screenShare.stop();
    inMeeting?.close();
    setSession(null);
    setInMeeting(null);
    setInvitedRoom(null);
    const end = finalEndOf(closeCode);
    const endedRoom = route.kind === 'room' ? route.roomId : invitedRoom;
    if (end === 'ended' && hosting && hosting.roomId === endedRoom) {
      // The meeting this app hosts was ended for all: the host process has nothing left to serve.
      setHosting(null);
      bridge.host?.stop({}).catch((e: unknown) => console.warn('stopping the hosted meeting failed', e));
    }
    if (end) {
      // Nothing to preview or rejoin: the camera and microphone go off until the next meeting.
      localMedia.release();
      setFinalEnd({ end, message: message ?? '' });
    } else setError(message);
  };
  const stopHosting = (): void => {
    session?.leave();
    setHosting(null);
    bridge.host?.stop({}).catch((e: unknown) => console.warn('stopping the hosted meeting failed', e));
    navigate('/');
  };

  if (finalEnd && (route.kind === 'room' || route.kind === 'invite')) {
    return (
      <MeetingEnded
        end={finalEnd.end}
        message={finalEnd.message}
        onHome={() => {
          setFinalEnd(null);
          navigate('/');
        }}
      />
    );
  }

  /** The meeting screen while a session runs (entered by room link or by invite), else null. */
  const meetingView = (roomId: RoomId, hostedHere: HostedMeeting | null) =>
    session && inMeeting ? (
      <SessionView
        bridge={bridge}
        roomId={roomId}
        session={session}
        inMeeting={inMeeting}
        localMedia={localMedia}
        screenShare={screenShare}
        picker={picker}
        onEnd={endSession}
        hosting={hostedHere}
        onStopHosting={stopHosting}
      />
    ) : null;

  if (route.kind === 'invite') {
    const inviteServer = route.server ?? ownServer;
    if (invitedRoom) {
      const view = meetingView(invitedRoom, null);
      if (view) return view;
    }
    if (inviteServer) {
      return (
        <InviteJoin
          code={route.code}
          server={inviteServer}
          fingerprint={route.fingerprint}
          localMedia={localMedia}
          joining={joining}
          error={error}
          onAdmitted={(roomId, token, displayName) => {
            setInvitedRoom(roomId);
            joinRoom(roomId, inviteServer, displayName, token);
          }}
        />
      );
    }
  }

  if (route.kind !== 'room' || roomServer === null) {
    return (
      <Home
        askServer={ownServer === null}
        defaultServer={lastServer}
        onOpen={(id, server) => navigate(roomPath(id, server))}
        onShowHistory={browser ? () => navigate('/history') : null}
        historyProblem={bridge.app ? (bridge.capabilities.missing.find((m) => m.capability === 'history')?.reason ?? null) : null}
      >
        {bridge.host && (
          <LanHome
            host={bridge.host}
            displayName={localMedia.state.get().prefs.displayName}
            onHosted={(meeting) => {
              setHosting(meeting);
              navigate(roomPath(meeting.roomId, meeting.server));
            }}
            hosting={hosting}
            onReturn={() => hosting && navigate(roomPath(hosting.roomId, hosting.server))}
            onStopHosting={stopHosting}
            onOpenNearby={(meeting) => {
              // The app trusts exactly the advertised certificate for that host before connecting.
              void bridge.host?.pinCertificate({ server: meeting.server, fingerprint: meeting.fingerprint }).then(() => navigate(invitePath(meeting.code, meeting.server, meeting.fingerprint)));
            }}
          />
        )}
      </Home>
    );
  }

  const roomId = route.roomId as RoomId;
  const hosted = hosting?.roomId === roomId ? hosting : null;
  const join = (displayName: string): void => joinRoom(roomId, roomServer, displayName, hosted?.hostToken);

  const view = meetingView(roomId, hosted);
  if (view) return view;
  return <PreJoin roomId={roomId} localMedia={localMedia} joining={joining} error={error} onJoin={join} />;
}

interface SessionViewProps {
  bridge: Bridge;
  roomId: RoomId;
  session: RoomSession;
  inMeeting: InMeeting;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  picker: ScreenSourcePicker | null;
  onEnd: (message: string | null, closeCode: number | null) => void;
  /** Set when this app hosts the meeting on the LAN: the invite and lobby panel is shown. */
  hosting: HostedMeeting | null;
  onStopHosting: () => void;
}

function SessionView({ bridge, roomId, session, inMeeting, localMedia, screenShare, picker, onEnd, hosting, onStopHosting }: SessionViewProps) {
  const { status, error, closeCode } = useStore(session.state);
  useEffect(() => {
    if (status === 'failed') onEnd(error, closeCode);
    if (status === 'left') onEnd(null, null);
  }, [status, error, closeCode, onEnd]);
  useEffect(() => (bridge.app ? linkChatToDesktop(bridge.app, roomId, inMeeting.chat) : undefined), [bridge, roomId, inMeeting]);
  const app = bridge.app;
  const openExternal = useMemo(
    () => (app ? (url: string) => void app.openExternal({ url }).catch((e: unknown) => console.warn('the link was not opened', e)) : null),
    [app],
  );
  useEffect(
    () => (bridge.app ? linkMeetingToDesktop(bridge.app, roomId, session, localMedia, screenShare) : undefined),
    [bridge, roomId, session, localMedia, screenShare],
  );
  const meeting = (
    <Meeting
      roomId={roomId}
      session={session}
      localMedia={localMedia}
      screenShare={screenShare}
      inMeeting={inMeeting}
      openExternal={openExternal}
      onLeave={() => session.leave()}
    />
  );
  return (
    <>
      {hosting ? (
        <div className="hosting-layout">
          {meeting}
          <HostPanel meeting={hosting} session={session} onStopHosting={onStopHosting} />
        </div>
      ) : (
        meeting
      )}
      {picker && <ScreenPicker picker={picker} />}
    </>
  );
}
