import { useCallback, useEffect, useState } from 'react';
import { canModerate } from '../../../src-common/protocol';
import type { MeetingDetails } from '../core/app/meetingDetails';
import type { LocalMedia } from '../core/media/LocalMedia';
import type { InMeeting } from '../core/meeting/InMeeting';
import type { RoomSession } from '../core/session/RoomSession';
import type { ScreenShare } from '../core/media/ScreenShare';
import { useCues } from '../hooks/useCues';
import { InMeetingContext } from '../hooks/useInMeeting';
import { usePopovers } from '../hooks/usePopovers';
import { useShortcuts } from '../hooks/useShortcuts';
import { useStore } from '../hooks/useStore';
import { AudioRenderer } from './AudioRenderer';
import { ChatPanel } from './ChatPanel';
import { ControlBar } from './ControlBar';
import { GridView } from './GridView';
import { MutedHintBanner } from './MutedHintBanner';
import { NoticeArea } from './NoticeArea';
import { ParticipantsPanel } from './ParticipantsPanel';
import { ReturnAlert } from './ReturnAlert';
import { PresentationView } from './PresentationView';
import { PresenterBar } from './PresenterBar';
import { PresenterStage } from './PresenterStage';
import { SpeakerView } from './SpeakerView';
import { localTile, remoteTile, shareModels, tileVideo, type TileModel } from './tileModel';
import type { ViewOptions } from './ViewMenu';
import { meetingControls, type Panel } from './meetingControls';

interface Props {
  roomId: string;
  session: RoomSession;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  /** Chat, hands, reactions, moderation and quality of this session. */
  inMeeting: InMeeting;
  /** Opens a chat link in the system's browser (desktop app); null in a browser (links open a new tab). */
  openExternal: ((url: string) => void) | null;
  /** How others join (the Invite popover). */
  details: MeetingDetails;
  onLeave: () => void;
}

/** The meeting: grid or speaker layout, everyone's audio, and the control bar. */
export function Meeting({ roomId, session, localMedia, screenShare, inMeeting, openExternal, details, onLeave }: Props) {
  const { participants, activeSpeakerId, localPeerId, status, localRole } = useStore(session.state);
  const { camera, prefs, microphone } = useStore(localMedia.state);
  const { unread } = useStore(inMeeting.chat.state);
  const hands = useStore(inMeeting.hands.state);
  const meetingName = useStore(inMeeting.meetingName);
  const [panel, setPanel] = useState<Panel | null>(null);
  const popovers = usePopovers();
  useEffect(() => inMeeting.chat.setOpen(panel === 'chat'), [inMeeting, panel]);
  useEffect(() => inMeeting.startQuality(), [inMeeting]);
  const handRaised = localPeerId !== null && hands.some((h) => h.peerId === localPeerId);
  const isHost = localRole === 'host';
  const share = useStore(screenShare.state);
  const [selectedShare, setSelectedShare] = useState<string | null>(null);
  const [options, setOptions] = useState<ViewOptions>({ layout: 'grid', hideSelf: false, hideNoVideo: false, joinSounds: true });
  const [pinnedKey, setPinnedKey] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  useShortcuts(localMedia);
  useCues(session, inMeeting, localMedia, roomId, options.joinSounds);

  const self = localTile(localPeerId, prefs.displayName, camera, microphone, prefs.micMuted);
  const remote = participants.map(remoteTile);
  const everyone = [self, ...remote];
  const shown = everyone.filter((t) => !(t.isLocal && options.hideSelf) && !(options.hideNoVideo && !tileVideo(t) && !t.isLocal));
  const speakerKey = activeSpeakerId === null ? null : activeSpeakerId === localPeerId ? 'local' : activeSpeakerId;
  const pinned = remote.find((t) => t.key === pinnedKey) ?? null;

  const togglePin = useCallback((key: string) => {
    setPinnedKey((current) => (current === key ? null : key));
    setOptions((current) => ({ ...current, layout: 'speaker' }));
  }, []);

  const stage = pinned ?? remote.find((t) => t.key === speakerKey) ?? remote[0] ?? self;
  const shares = shareModels(participants, share.video, share.paused, prefs.displayName, localPeerId);
  // What every view needs to render and pin tiles.
  const tiles = { session, speakerKey, onPin: togglePin };
  let view;
  const presenting = share.video !== null && shares.every((s) => s.isLocal);
  if (presenting) {
    view = (
      <PresenterStage
        screenShare={screenShare}
        watchers={participants.map((p) => p.displayName)}
        cameras={shown}
        page={page}
        onPage={setPage}
        {...tiles}
      />
    );
  } else if (shares.length > 0) {
    view = (
      <PresentationView
        shares={shares}
        selectedKey={selectedShare}
        onSelect={setSelectedShare}
        cameras={shown}
        {...tiles}
      />
    );
  } else if (options.layout === 'speaker') {
    view = (
      <SpeakerView
        stage={stage}
        others={shown.filter((t: TileModel) => t.key !== stage.key)}
        pinnedKey={pinned?.key ?? null}
        {...tiles}
      />
    );
  } else {
    view = <GridView tiles={shown} page={page} onPage={setPage} {...tiles} />;
  }
  const togglePanel = (which: Panel): void => setPanel((current) => (current === which ? null : which));
  const { controls, content } = meetingControls({
    inMeeting,
    localMedia,
    screenShare,
    popovers,
    details,
    sharing: share.video !== null,
    handRaised,
    unread,
    hands: hands.length,
    handsForModerator: localRole && canModerate(localRole) ? hands.length : 0,
    panel,
    togglePanel,
    options,
    setOptions,
    isHost,
  });
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
        {everyone.length === 1 && (
          <button type="button" className="link-button" data-popover="invite" onClick={() => popovers.toggle('invite')}>
            Invite others
          </button>
        )}
      </header>
      {!presenting && <PresenterBar screenShare={screenShare} />}
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
      <ControlBar localMedia={localMedia} popovers={popovers} controls={controls} content={content} onLeave={onLeave} />
    </main>
    </InMeetingContext.Provider>
  );
}

