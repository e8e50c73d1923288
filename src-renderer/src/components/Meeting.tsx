import { useCallback, useState } from 'react';
import type { LocalMedia } from '../core/LocalMedia';
import type { RoomSession } from '../core/RoomSession';
import { useShortcuts } from '../hooks/useShortcuts';
import { useStore } from '../hooks/useStore';
import { AudioRenderer } from './AudioRenderer';
import { ControlBar } from './ControlBar';
import { GridView } from './GridView';
import { SpeakerView } from './SpeakerView';
import { localTile, remoteTile, type TileModel } from './tileModel';
import { ViewMenu, type ViewOptions } from './ViewMenu';

interface Props {
  roomId: string;
  session: RoomSession;
  localMedia: LocalMedia;
  onLeave: () => void;
}

/** The meeting: grid or speaker layout, everyone's audio, and the control bar. */
export function Meeting({ roomId, session, localMedia, onLeave }: Props) {
  const { participants, activeSpeakerId, localPeerId } = useStore(session.state);
  const { camera, prefs } = useStore(localMedia.state);
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
  return (
    <main className="meeting">
      <header className="meeting-header">
        <h1>{roomId}</h1>
        <span aria-live="polite">{everyone.length === 1 ? 'Only you are here' : `${everyone.length} people`}</span>
      </header>
      {options.layout === 'speaker' ? (
        <SpeakerView
          stage={stage}
          others={shown.filter((t: TileModel) => t.key !== stage.key)}
          session={session}
          speakerKey={speakerKey}
          pinnedKey={pinned?.key ?? null}
          onPin={togglePin}
        />
      ) : (
        <GridView tiles={shown} session={session} speakerKey={speakerKey} page={page} onPage={setPage} onPin={togglePin} />
      )}
      <AudioRenderer participants={participants} speakerId={prefs.speakerId} />
      <ControlBar localMedia={localMedia} onLeave={onLeave}>
        <ViewMenu options={options} onChange={setOptions} />
      </ControlBar>
    </main>
  );
}
