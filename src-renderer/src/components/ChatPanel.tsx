import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PeerId } from '../../../src-common/ids';
import { MAX_CHAT_LENGTH } from '../../../src-common/protocol';
import type { Chat } from '../core/meeting/Chat';
import type { RemoteParticipant } from '../core/media/Participants';
import { useStore } from '../hooks/useStore';
import { formatClock } from './format';
import { MessageText } from './MessageText';

interface Props {
  chat: Chat;
  participants: readonly RemoteParticipant[];
  openExternal: ((url: string) => void) | null;
  onClose: () => void;
}

/** The chat: the room's messages in order (server times), and a box to write to everyone or to one person. */
export function ChatPanel({ chat, participants, openExternal, onClose }: Props) {
  const { messages, error, sending } = useStore(chat.state);
  const [text, setText] = useState('');
  const [to, setTo] = useState<string>('');
  const list = useRef<HTMLOListElement>(null);
  const nameOf = (peerId: PeerId | null): string => participants.find((p) => p.peerId === peerId)?.displayName ?? 'someone who left';

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  // The chosen recipient left: write to everyone again rather than to nobody.
  const recipient = participants.some((p) => p.peerId === to) ? to : '';

  const send = (event?: FormEvent): void => {
    event?.preventDefault();
    if (sending) return;
    void chat.send(text, recipient ? (recipient as PeerId) : undefined).then((sent) => sent && setText(''));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey) send(event);
  };

  return (
    <aside className="side-panel chat-panel" aria-label="Chat">
      <header className="side-panel-header">
        <h2>Chat</h2>
        <button type="button" onClick={onClose} aria-label="Close chat" title="Close chat">
          ✕
        </button>
      </header>
      <ol ref={list} className="chat-messages" role="log" aria-label="Messages" aria-live="polite">
        {messages.length === 0 && <li className="muted">No messages yet.</li>}
        {messages.map((m) => (
          <li key={m.messageId} className={m.to ? 'chat-message private' : 'chat-message'} data-testid="chat-message" data-seq={m.seq} data-private={m.to ? true : undefined}>
            <div className="chat-meta">
              <strong>{m.own ? 'You' : m.fromName}</strong>
              {m.to && <span className="chat-private">{m.own ? ` privately to ${nameOf(m.to)}` : ' (privately to you)'}</span>}
              <time dateTime={new Date(m.sentAt).toISOString()}>{formatClock(m.sentAt)}</time>
            </div>
            <p className="chat-text" data-testid="chat-text">
              <MessageText text={m.text} openExternal={openExternal} />
            </p>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={send}>
        <label className="field">
          To
          <select value={recipient} onChange={(e) => setTo(e.target.value)}>
            <option value="">Everyone</option>
            {participants.map((p) => (
              <option key={p.peerId} value={p.peerId}>
                {p.displayName} (privately)
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Message
          <textarea value={text} rows={2} onChange={(e) => {
              setText(e.target.value);
              chat.clearError();
            }}
            onKeyDown={onKeyDown} aria-describedby="chat-limit" />
        </label>
        <span id="chat-limit" className={text.length > MAX_CHAT_LENGTH ? 'error chat-count' : 'muted chat-count'}>
          {text.length} / {MAX_CHAT_LENGTH}
        </span>
        {error && (
          <p className="error" role="alert" data-testid="chat-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={sending}>
          Send
        </button>
      </form>
    </aside>
  );
}
