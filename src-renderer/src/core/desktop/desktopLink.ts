import { assertUnreachable } from '../../../../src-common/errors';
import type { AppCommand, AppService, MeetingStateInput } from '../../../../src-common/ipc/app';
import type { RoomId } from '../../../../src-common/ids';
import type { LocalMedia } from '../media/LocalMedia';
import type { RoomSession } from '../session/RoomSession';
import type { ScreenShare } from '../media/ScreenShare';

/**
 * Keeps the desktop shell in step with a meeting: the tray and menus show the room, the mic
 * state and whether this window shares its screen (to stop it from there), and someone joining while the window is in the background raises a notification.
 * Returns the function that unlinks (and tells the shell the meeting is over).
 */
export function linkMeetingToDesktop(app: AppService, roomId: RoomId, session: RoomSession, localMedia: LocalMedia, screenShare: ScreenShare): () => void {
  let last = '';
  const report = (state: MeetingStateInput): void => {
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    app.setMeetingState(state).catch((error: unknown) => console.warn('the tray did not get the meeting state', error));
  };
  const fromMedia = (): void => {
    const { prefs, microphone } = localMedia.state.get();
    report({ roomId, micMuted: prefs.micMuted, micAvailable: microphone !== null, sharing: screenShare.active });
  };
  fromMedia();
  const stops = [
    localMedia.state.subscribe(fromMedia),
    screenShare.state.subscribe(fromMedia),
    session.events.on('participantJoined', ({ displayName }) => {
      app
        .notify({ kind: 'participant-joined', title: roomId, body: `${displayName} joined the meeting` })
        .catch((error: unknown) => console.warn('the join notification failed', error));
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    report({ roomId: null, micMuted: localMedia.state.get().prefs.micMuted, micAvailable: false, sharing: false });
  };
}

export interface CommandHandlers {
  toggleMicrophone(): void;
  leaveMeeting(): void;
  stopSharing(): void;
  showHistory(): void;
  showHome(): void;
}

/** Routes a tray or menu command to the UI. */
export function runCommand(command: AppCommand, handlers: CommandHandlers): void {
  switch (command.type) {
    case 'toggle-microphone':
      handlers.toggleMicrophone();
      break;
    case 'leave-meeting':
      handlers.leaveMeeting();
      break;
    case 'stop-sharing':
      handlers.stopSharing();
      break;
    case 'show-history':
      handlers.showHistory();
      break;
    case 'show-home':
      handlers.showHome();
      break;
    default:
      assertUnreachable(command);
  }
}
