import { useEffect, useMemo, useState } from 'react';
import type { RoomId } from '../../src-common/ids';
import { connectBridge, type Bridge } from './bridge';
import type { AppShell } from './core/app/AppShell';
import type { ActiveMeeting } from './core/app/MeetingLifecycle';
import { meetingDetails } from './core/app/meetingDetails';
import { invitePath, roomPath } from './core/app/route';
import { useAppShell } from './hooks/useAppShell';
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
import { YouLeft } from './components/YouLeft';

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
  const shell = useAppShell(bridge);
  if (!shell) return <main className="loading" aria-busy="true" />;
  return <Screens bridge={bridge} shell={shell} />;
}

/** The screen the address and the meeting's state call for; the state itself lives in core/app. */
function Screens({ bridge, shell }: { bridge: Bridge; shell: AppShell }) {
  const route = useStore(shell.navigator.route);
  const { meeting, joining, error, finalEnd, hosting, lastServer, left } = useStore(shell.lifecycle.state);
  const { navigator, lifecycle, localMedia, browser, ownServer } = shell;
  const navigate = (path: string): void => navigator.navigate(path);
  const stopHosting = (): void => {
    lifecycle.stopHosting();
    navigate('/');
  };

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
  if (finalEnd && (route.kind === 'room' || route.kind === 'invite')) {
    const home = (): void => {
      lifecycle.dismissEnd();
      navigate('/');
    };
    return <MeetingEnded end={finalEnd.end} message={finalEnd.message} onHome={home} />;
  }

  if (left && (route.kind === 'room' || route.kind === 'invite')) {
    const home = (): void => {
      lifecycle.dismissLeft();
      navigate('/');
    };
    return <YouLeft roomName={left.meetingName ?? left.roomId} joining={joining} onRejoin={() => lifecycle.rejoin()} onHome={home} />;
  }

  if (route.kind === 'invite') {
    const inviteServer = route.server ?? ownServer;
    if (meeting?.invited) return <SessionView bridge={bridge} shell={shell} meeting={meeting} onStopHosting={stopHosting} />;
    if (inviteServer) {
      return (
        <InviteJoin
          code={route.code}
          server={inviteServer}
          fingerprint={route.fingerprint}
          localMedia={localMedia}
          joining={joining}
          error={error}
          onAdmitted={(roomId, token, displayName) => lifecycle.join(roomId, inviteServer, displayName, { sessionToken: token, invited: true })}
        />
      );
    }
  }

  const roomServer = route.kind === 'room' ? (route.server ?? ownServer) : null;
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
            onHosted={(hosted) => {
              lifecycle.hosted(hosted);
              navigate(roomPath(hosted.roomId, hosted.server));
            }}
            hosting={hosting}
            onReturn={() => hosting && navigate(roomPath(hosting.roomId, hosting.server))}
            onStopHosting={stopHosting}
            onOpenNearby={(nearby) => {
              // The app trusts exactly the advertised certificate for that host before connecting.
              void bridge.host?.pinCertificate({ server: nearby.server, fingerprint: nearby.fingerprint }).then(() => navigate(invitePath(nearby.code, nearby.server, nearby.fingerprint)));
            }}
          />
        )}
      </Home>
    );
  }

  if (meeting) return <SessionView bridge={bridge} shell={shell} meeting={meeting} onStopHosting={stopHosting} />;
  const roomId = route.roomId as RoomId;
  const hostToken = hosting?.roomId === roomId ? hosting.hostToken : undefined;
  const join = (displayName: string): void => lifecycle.join(roomId, roomServer, displayName, hostToken ? { sessionToken: hostToken } : {});
  return <PreJoin roomId={roomId} localMedia={localMedia} joining={joining} error={error} onJoin={join} onIntent={() => lifecycle.warm(roomId, roomServer)} />;
}

interface SessionViewProps {
  bridge: Bridge;
  shell: AppShell;
  meeting: ActiveMeeting;
  onStopHosting: () => void;
}

/** The meeting screen, with the host panel beside it when this app hosts the meeting. */
function SessionView({ bridge, shell, meeting: { roomId, session, inMeeting, lobby, server }, onStopHosting }: SessionViewProps) {
  const { hosting } = useStore(shell.lifecycle.state);
  const route = useStore(shell.navigator.route);
  const invite = route.kind === 'invite' ? { code: route.code, fingerprint: route.fingerprint } : null;
  const details = meetingDetails({ roomId, server, hosting, invite });
  const app = bridge.app;
  const openExternal = useMemo(
    () => (app ? (url: string) => void app.openExternal({ url }).catch((e: unknown) => console.warn('the link was not opened', e)) : null),
    [app],
  );
  const view = (
    <Meeting
      roomId={roomId}
      session={session}
      localMedia={shell.localMedia}
      screenShare={shell.screenShare}
      inMeeting={inMeeting}
      openExternal={openExternal}
      details={details}
      onLeave={() => shell.lifecycle.leave()}
    />
  );
  return (
    <>
      {hosting && lobby ? (
        <div className="hosting-layout">
          {view}
          <HostPanel meeting={hosting} lobby={lobby} onStopHosting={onStopHosting} />
        </div>
      ) : (
        view
      )}
      {shell.picker && <ScreenPicker picker={shell.picker} />}
    </>
  );
}
