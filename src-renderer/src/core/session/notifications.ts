import { CloseCode, type ChatNotificationData, type ModerationNotificationData } from '../../../../src-common/protocol';

type MeetingNotificationData = ChatNotificationData & ModerationNotificationData;

/** A chat, hand, reaction or moderation notification as the session hands it on. */
export type MeetingNotification = { [K in keyof MeetingNotificationData]: { method: K; data: MeetingNotificationData[K] } }[keyof MeetingNotificationData];

/** Why the meeting ended for good, in words for the user, from the close code and the server's reason. */
export function finalCloseMessage(code: number, reason: string): string {
  switch (code) {
    case CloseCode.Removed:
      // The server's own wording already says who ("Ana removed you from the meeting").
      if (/removed you/i.test(reason)) return sentence(reason);
      return reason ? `You were removed from the meeting: ${reason}.` : 'You were removed from the meeting.';
    case CloseCode.Ended:
      return reason ? `The meeting has ended: ${reason}.` : 'The meeting has ended.';
    case CloseCode.Superseded:
      return 'You joined this meeting from another window or device, so this one left.';
    default:
      return `The connection to the server was lost (${reason}).`;
  }
}

/** How the session ended, for the page shown afterwards: removed and ended meetings are not rejoined. */
export type FinalEnd = 'removed' | 'ended' | null;

export function finalEndOf(closeCode: number | null): FinalEnd {
  if (closeCode === CloseCode.Removed) return 'removed';
  if (closeCode === CloseCode.Ended) return 'ended';
  return null;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
