import type { MeetingDetails } from '../core/app/meetingDetails';
import type { Popovers } from '../core/app/Popovers';
import type { LocalMedia } from '../core/media/LocalMedia';
import type { ScreenShare } from '../core/media/ScreenShare';
import type { InMeeting } from '../core/meeting/InMeeting';
import type { PopoverContent, SecondaryControl } from './ControlBar';
import { DevicePickers } from './DevicePickers';
import { ChatIcon, EndIcon, HandIcon, InviteIcon, LayoutIcon, PeopleIcon, ScreenIcon, SettingsIcon } from './icons';
import { InvitePopover } from './InvitePopover';
import { ReactionsRow } from './ReactionsMenu';
import { ViewOptionsForm, type ViewOptions } from './ViewMenu';

export type Panel = 'chat' | 'participants';

/** What the meeting's secondary controls show and do (everything but mic, camera and Leave). */
export interface ControlsInput {
  inMeeting: InMeeting;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  popovers: Popovers;
  details: MeetingDetails;
  sharing: boolean;
  handRaised: boolean;
  unread: number;
  /** Raised hands, announced on the Participants button to those who can lower them. */
  handsForModerator: number;
  hands: number;
  panel: Panel | null;
  togglePanel: (panel: Panel) => void;
  options: ViewOptions;
  setOptions: (options: ViewOptions) => void;
  isHost: boolean;
}

/** The secondary controls in the order they leave the bar for "More" (last first), and their popovers. */
export function meetingControls(input: ControlsInput): { controls: SecondaryControl[]; content: PopoverContent } {
  const { inMeeting, screenShare, popovers, sharing, handRaised, unread, panel } = input;
  const controls: SecondaryControl[] = [
    {
      id: 'share',
      label: sharing ? 'Stop share' : 'Share',
      name: sharing ? 'Stop sharing screen' : 'Share screen',
      icon: <ScreenIcon />,
      pressed: sharing,
      onSelect: () => (sharing ? screenShare.stop() : void screenShare.start()),
    },
    {
      id: 'chat',
      label: 'Chat',
      name: unread > 0 ? `Chat, ${unread} unread` : 'Chat',
      icon: <ChatIcon />,
      pressed: panel === 'chat',
      testId: 'chat-button',
      badge: unread > 0 && (
        <span className="unread-badge" data-testid="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ),
      onSelect: () => input.togglePanel('chat'),
    },
    {
      id: 'participants',
      label: 'Participants',
      name: input.handsForModerator > 0 ? `Participants, ${input.handsForModerator} raised hands` : 'Participants',
      icon: <PeopleIcon />,
      pressed: panel === 'participants',
      badge: input.hands > 0 && <span className="unread-badge hand-badge" aria-hidden="true">✋{input.hands}</span>,
      onSelect: () => input.togglePanel('participants'),
    },
    {
      id: 'hand',
      label: handRaised ? 'Lower' : 'Raise',
      name: handRaised ? 'Lower hand' : 'Raise hand',
      icon: <HandIcon />,
      pressed: handRaised,
      onSelect: () => void (handRaised ? inMeeting.hands.lower() : inMeeting.hands.raise()),
    },
    { id: 'reactions', label: 'Reactions', name: 'Reactions', icon: <span aria-hidden="true">☺</span>, popover: 'reactions' },
    { id: 'invite', label: 'Invite', name: 'Invite', icon: <InviteIcon />, popover: 'invite' },
    { id: 'view', label: 'View', name: 'View options', icon: <LayoutIcon />, popover: 'view' },
    { id: 'devices', label: 'Devices', name: 'Devices', icon: <SettingsIcon />, popover: 'devices' },
    ...(input.isHost ? [{ id: 'end', label: 'End for all', name: 'End for all', icon: <EndIcon />, popover: 'endForAll' as const, className: 'end-all' }] : []),
  ];
  const content: PopoverContent = {
    reactions: { label: 'Reactions', body: <ReactionsRow reactions={inMeeting.reactions} onSent={() => popovers.close()} /> },
    invite: { label: 'Meeting details', body: <InvitePopover details={input.details} /> },
    view: { label: 'View options', body: <ViewOptionsForm options={input.options} onChange={input.setOptions} /> },
    devices: { label: 'Devices', body: <DevicePickers localMedia={input.localMedia} /> },
    endForAll: {
      label: 'End the meeting for everyone?',
      body: (
        <div className="end-confirm">
          <p>Everyone’s meeting ends now; nobody can rejoin it.</p>
          <button type="button" className="control leave" onClick={() => void inMeeting.moderation.endForAll()}>
            End meeting for all
          </button>
          <button type="button" className="control" onClick={() => popovers.close()}>
            Cancel
          </button>
        </div>
      ),
    },
  };
  return { controls, content };
}
