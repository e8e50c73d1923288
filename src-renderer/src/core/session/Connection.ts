import type { Method, NotificationData, NotificationMethod, RequestInput, ResponseData } from '../../../../src-common/protocol';
import { Emitter } from '../base/Emitter';
import { SignalingClient } from '../signaling/SignalingClient';

/** One server notification as a tagged value (a switch over `method` narrows `data`). */
export type ServerNotification = { [K in NotificationMethod]: { method: K; data: NotificationData[K] } }[NotificationMethod];

/** What one socket reports; the session decides what each fact means. */
export interface ConnectionEvents {
  notification: ServerNotification;
  /** The socket closed; `code` is the WebSocket close code (see CloseCode). */
  closed: { code: number; reason: string };
  /** The server went silent (see watchLiveness): as good as closed, only TCP has not noticed yet. */
  silent: null;
}

/**
 * One signaling socket of a session, from open to close: typed requests out, typed events in,
 * nothing decided here. A resume opens a new one; the old one is abandoned and says nothing more.
 */
export class Connection {
  readonly events = new Emitter<ConnectionEvents>();

  private constructor(readonly signaling: SignalingClient) {
    signaling.onNotification((method, data) => this.events.emit('notification', { method, data } as ServerNotification));
    signaling.onClosed((reason, code) => this.events.emit('closed', { code, reason }));
  }

  /** Rejects with CONNECTION_CLOSED when the server cannot be reached within `timeoutMs`. */
  static async open(url: string, timeoutMs?: number): Promise<Connection> {
    return new Connection(await SignalingClient.connect(url, timeoutMs));
  }

  request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    return this.signaling.request(method, data);
  }

  /** Starts reporting `silent` when the server stops answering. */
  watchLiveness(): void {
    this.signaling.watchLiveness(() => this.events.emit('silent', null));
  }

  /** Stops reporting anything and closes; CloseCode.Resuming asks the server to keep the peer. */
  abandon(code: number, reason: string): void {
    this.signaling.abandon(code, reason);
  }

  close(): void {
    this.signaling.close();
  }
}
