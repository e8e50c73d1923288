import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { Method, RequestInput, ResponseData } from '../../../../src-common/protocol';
import type { SignalingClient } from './SignalingClient';

/** What publishing, subscribing and view reporting need of signaling: typed requests. */
export interface Requester {
  request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]>;
}

/** How long a request made while the session resumes waits for the new connection. */
const WAIT_FOR_CONNECTION_MS = 20_000;

/**
 * The signaling of one joined peer across resumes: requests go to the current socket, and while
 * the session is between sockets they wait for the next one (a mute toggled during a blip is
 * sent once the peer is back) instead of failing. A full rejoin makes a new channel and abandons
 * this one, failing whatever still waits.
 */
export class SignalingChannel implements Requester {
  private waiting: Array<{ resolve: (client: SignalingClient) => void; reject: (error: ParleyError) => void }> = [];
  private abandoned = false;

  constructor(private client: SignalingClient | undefined) {}

  /** The socket requests go to from now on; undefined while resuming. */
  use(client: SignalingClient | undefined): void {
    this.client = client;
    if (!client) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.resolve(client);
  }

  /** Fails every waiting and future request: the peer these requests were for is gone. */
  abandon(): void {
    this.abandoned = true;
    this.client = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(new ParleyError(ErrorCode.ConnectionClosed, 'the session was rejoined'));
  }

  async request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    const client = this.client ?? (await this.nextClient(method));
    return client.request(method, data);
  }

  private nextClient(method: Method): Promise<SignalingClient> {
    if (this.abandoned) return Promise.reject(new ParleyError(ErrorCode.ConnectionClosed, 'the session was rejoined'));
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (client: SignalingClient) => {
          clearTimeout(timer);
          resolve(client);
        },
        reject: (error: ParleyError) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new ParleyError(ErrorCode.Timeout, `${method} waited too long for the connection to come back`));
      }, WAIT_FOR_CONNECTION_MS);
      this.waiting.push(waiter);
    });
  }
}
