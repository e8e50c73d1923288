import type { AppService } from '../../../../src-common/ipc/app';
import type { Chat } from '../meeting/Chat';

/** Notification bodies are capped by the contract; a long message is cut with an ellipsis. */
const BODY_MAX = 400;

/**
 * The desktop side of the chat: the unread count on the app's icon, and a "new message"
 * notification for messages from others (main shows it only while the window is not focused).
 * Returns the function that unlinks and clears the badge.
 */
export function linkChatToDesktop(app: Pick<AppService, 'notify' | 'setUnreadCount'>, title: string, chat: Chat): () => void {
  let lastCount = 0;
  const report = (): void => {
    const { unread } = chat.state.get();
    if (unread === lastCount) return;
    lastCount = unread;
    app.setUnreadCount({ count: Math.min(unread, 9999) }).catch((error: unknown) => console.warn('the unread badge was not set', error));
  };
  const stops = [
    chat.state.subscribe(report),
    chat.events.on('message', ({ message, live }) => {
      if (!live || message.own) return;
      const body = message.text.length > BODY_MAX ? `${message.text.slice(0, BODY_MAX - 1)}…` : message.text;
      const heading = `${message.to ? 'Private message from' : 'Message from'} ${message.fromName}`;
      app
        .notify({ kind: 'chat-message', title: `${heading} (${title})`.slice(0, 120), body })
        .catch((error: unknown) => console.warn('the chat notification failed', error));
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    if (lastCount !== 0) app.setUnreadCount({ count: 0 }).catch((error: unknown) => console.warn('the unread badge was not cleared', error));
  };
}
