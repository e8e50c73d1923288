import { useCallback, useEffect, useState } from 'react';
import { canModerate } from '../../../src-common/protocol';
import type { LocalMedia } from '../core/media/LocalMedia';
import type { InMeeting } from '../core/meeting/InMeeting';
import type { RoomSession } from '../core/session/RoomSession';
import type { ScreenShare } from '../core/media/ScreenShare';
import { useCues } from '../hooks/useCues';
import { InMeetingContext } from '../hooks/useInMeeting';
import { useShortcuts } from '../hooks/useShortcuts';
import { useStore } from '../hooks/useStore';
import { AudioRenderer } from './AudioRenderer';
import { ChatPanel } from './ChatPanel';
import { ControlBar } from './ControlBar';
import { GridView } from './GridView';
import { ChatIcon, HandIcon, PeopleIcon, ScreenIcon } from './icons';
import { MutedHintBanner } from './MutedHintBanner';
import { NoticeArea } from './NoticeArea';
import { ParticipantsPanel } from './ParticipantsPanel';
import { ReactionsMenu } from './ReactionsMenu';
import { ReturnAlert } from './ReturnAlert';
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
  /** Chat, hands, reactions, moderation and quality of this session. */
  inMeeting: InMeeting;
  /** Opens a chat link in the system's browser (desktop app); null in a browser (links open a new tab). */
  openExternal: ((url: string) => void) | null;
  onLeave: () => void;
}

/** The meeting: grid or speaker layout, everyone's audio, and the control bar. */
export function Meeting({ roomId, session, localMedia, screenShare, inMeeting, openExternal, onLeave }: Props) {
  const { participants, activeSpeakerId, localPeerId, status, localRole } = useStore(session.state);
  const { camera, prefs, microphone } = useStore(localMedia.state);
  const { unread } = useStore(inMeeting.chat.state);
  const hands = useStore(inMeeting.hands.state);
  const meetingName = useStore(inMeeting.meetingName);
  const [panel, setPanel] = useState<'chat' | 'participants' | null>(null);
  useEffect(() => inMeeting.chat.setOpen(panel === 'chat'), [inMeeting, panel]);
  useEffect(() => inMeeting.startQuality(), [inMeeting]);
  const handRaised = localPeerId !== null && hands.some((h) => h.peerId === localPeerId);
  const isHost = localRole === 'host';
  const share = useStore(screenShare.state);
  const [selectedShare, setSelectedShare] = useState<string | null>(null);
  const [options, setOptions] = useState<ViewOptions>({ layout: 'grid', hideSelf: false, hideNoVideo: false });
  const [pinnedKey, setPinnedKey] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  useShortcuts(localMedia);
  useCues(session, inMeeting, localMedia, roomId);

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
  const togglePanel = (which: 'chat' | 'participants'): void => setPanel((current) => (current === which ? null : which));
  return (
    <InMeetingContext.Provider value={inMeeting}>
    <main className={panel ? 'meeting with-panel' : 'meeting'}>
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
        <h1>{meetingName ?? roomId}</h1>
        <span aria-live="polite">{everyone.length === 1 ? 'Only you are here' : `${everyone.length} people`}</span>
      </header>
      <PresenterBar screenShare={screenShare} />
      <MutedHintBanner localMedia={localMedia} />
      <NoticeArea notices={inMeeting.notices} />
      {localRole && canModerate(localRole) && <ReturnAlert moderation={inMeeting.moderation} />}
      {panel === 'chat' && <ChatPanel chat={inMeeting.chat} participants={participants} openExternal={openExternal} onClose={() => setPanel(null)} />}
      {panel === 'participants' && (
        <ParticipantsPanel
          meeting={inMeeting}
          localPeerId={localPeerId}
          localName={prefs.displayName}
          localRole={localRole}
          local={{ micOn: !prefs.micMuted && microphone !== null, cameraOn: camera !== null, sharing: share.video !== null }}
          participants={participants}
          onClose={() => setPanel(null)}
        />
      )}
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
        <button
          type="button"
          className={handRaised ? 'control active' : 'control'}
          aria-pressed={handRaised}
          aria-label={handRaised ? 'Lower hand' : 'Raise hand'}
          onClick={() => void (handRaised ? inMeeting.hands.lower() : inMeeting.hands.raise())}
        >
          <HandIcon />
        </button>
        <ReactionsMenu reactions={inMeeting.reactions} />
        <button
          type="button"
          className={panel === 'chat' ? 'control active' : 'control'}
          aria-pressed={panel === 'chat'}
          aria-label={unread > 0 ? `Chat, ${unread} unread` : 'Chat'}
          data-testid="chat-button"
          onClick={() => togglePanel('chat')}
        >
          <ChatIcon />
          {unread > 0 && (
            <span className="unread-badge" data-testid="unread-badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </button>
        <button
          type="button"
          className={panel === 'participants' ? 'control active' : 'control'}
          aria-pressed={panel === 'participants'}
          aria-label={hands.length > 0 && localRole && canModerate(localRole) ? `Participants, ${hands.length} raised hands` : 'Participants'}
          onClick={() => togglePanel('participants')}
        >
          <PeopleIcon />
          {hands.length > 0 && <span className="unread-badge hand-badge" aria-hidden="true">✋{hands.length}</span>}
        </button>
        <ViewMenu options={options} onChange={setOptions} />
        {isHost && <EndForAll onEnd={() => void inMeeting.moderation.endForAll()} />}
      </ControlBar>
    </main>
    </InMeetingContext.Provider>
  );
}

/** The host's "End for all", with a confirmation step so one click cannot end everyone's meeting. */
function EndForAll({ onEnd }: { onEnd: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="control end-all" onClick={() => setConfirming(true)}>
        End for all
      </button>
    );
  }
  return (
    <span className="end-confirm" role="group" aria-label="End the meeting for everyone?">
      <button type="button" className="control leave" onClick={onEnd}>
        End meeting for all
      </button>
      <button type="button" className="control" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
