import { useCallback, useState } from 'react';
import type { LocalMedia } from '../core/LocalMedia';
import type { RoomSession } from '../core/RoomSession';
import type { ScreenShare } from '../core/ScreenShare';
import { useShortcuts } from '../hooks/useShortcuts';
import { useStore } from '../hooks/useStore';
import { AudioRenderer } from './AudioRenderer';
import { ControlBar } from './ControlBar';
import { GridView } from './GridView';
import { ScreenIcon } from './icons';
import { PresentationView } from './PresentationView';
import { PresenterBar } from './PresenterBar';
import { SpeakerView } from './SpeakerView';
import { localTile, remoteTile, shareModels, type TileModel } from './tileModel';
import { ViewMenu, type ViewOptions } from './ViewMenu';

interface Props {
  roomId: string;
  session: RoomSession;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  onLeave: () => void;
}

/** The meeting: grid or speaker layout, everyone's audio, and the control bar. */
export function Meeting({ roomId, session, localMedia, screenShare, onLeave }: Props) {
  const { participants, activeSpeakerId, localPeerId, status } = useStore(session.state);
  const { camera, prefs } = useStore(localMedia.state);
  const share = useStore(screenShare.state);
  const [selectedShare, setSelectedShare] = useState<string | null>(null);
  const [options, setOptions] = useState<ViewOptions>({ layout: 'grid', hideSelf: false, hideNoVideo: false });
  const [pinnedKey, setPinnedKey] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  useShortcuts(localMedia);

  const self = localTile(localPeerId, prefs.displayName, camera, prefs.micMuted);
  const remote = participants.map(remoteTile);
  const everyone = [self, ...remote];
  const shown = everyone.filter((t) => !(t.isLocal && options.hideSelf) && !(options.hideNoVideo && !t.video && !t.isLocal));
  const speakerKey = activeSpeakerId === null ? null : activeSpeakerId === localPeerId ? 'local' : activeSpeakerId;
  const pinned = remote.find((t) => t.key === pinnedKey) ?? null;

  const togglePin = useCallback((key: string) => {
    setPinnedKey((current) => (current === key ? null : key));
    setOptions((current) => ({ ...current, layout: 'speaker' }));
  }, []);

  const stage = pinned ?? remote.find((t) => t.key === speakerKey) ?? remote[0] ?? self;
  const shares = shareModels(participants, share.video, share.paused, prefs.displayName);
  let view;
  if (shares.length > 0) {
    view = (
      <PresentationView
        shares={shares}
        selectedKey={selectedShare}
        onSelect={setSelectedShare}
        cameras={shown}
        session={session}
        speakerKey={speakerKey}
        onPin={togglePin}
      />
    );
  } else if (options.layout === 'speaker') {
    view = (
      <SpeakerView
        stage={stage}
        others={shown.filter((t: TileModel) => t.key !== stage.key)}
        session={session}
        speakerKey={speakerKey}
        pinnedKey={pinned?.key ?? null}
        onPin={togglePin}
      />
    );
  } else {
    view = <GridView tiles={shown} session={session} speakerKey={speakerKey} page={page} onPage={setPage} onPin={togglePin} />;
  }
  return (
    <main className="meeting">
      {status === 'reconnecting' && (
        <p className="reconnecting" role="status" data-testid="reconnecting">
          Reconnecting…
        </p>
      )}
      {share.error && (
        <p className="error meeting-error" role="alert">
          {share.error}
        </p>
      )}
      <header className="meeting-header">
        <h1>{roomId}</h1>
        <span aria-live="polite">{everyone.length === 1 ? 'Only you are here' : `${everyone.length} people`}</span>
      </header>
      <PresenterBar screenShare={screenShare} />
      {view}
      <AudioRenderer participants={participants} speakerId={prefs.speakerId} />
      <ControlBar localMedia={localMedia} onLeave={onLeave}>
        <button
          type="button"
          className={share.video ? 'control active' : 'control'}
          aria-pressed={share.video !== null}
          aria-label={share.video ? 'Stop sharing screen' : 'Share screen'}
          onClick={() => (share.video ? screenShare.stop() : void screenShare.start())}
        >
          <ScreenIcon />
        </button>
        <ViewMenu options={options} onChange={setOptions} />
      </ControlBar>
    </main>
  );
}
