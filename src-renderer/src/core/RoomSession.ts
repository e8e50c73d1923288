import { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import { assertUnreachable } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { isFinalClose, type Method, type NotificationData, type NotificationMethod, type PeerInfo, type RequestInput, type ResponseData, type Role } from '../../../src-common/protocol';
import { Emitter } from './Emitter';
import { finalCloseMessage, type MeetingNotification } from './meeting/notifications';
import type { LocalMedia } from './LocalMedia';
import { Participants, type RemoteParticipant } from './Participants';
import type { ScreenShare } from './ScreenShare';
import { Publisher } from './Publisher';
import { rejoinDelay } from './rejoin';
import { SignalingClient } from './SignalingClient';
import { Store } from './Store';
import { Subscriber } from './Subscriber';
import { ViewReporter } from './ViewReporter';

/** `reconnecting`: the server dropped us (worker died, restart, network); joining again by itself. */
export type SessionStatus = 'connecting' | 'joined' | 'reconnecting' | 'left' | 'failed';

export interface SessionState {
  status: SessionStatus;
  /** Why the session failed, in words for the user. */
  error: string | null;
  localPeerId: PeerId | null;
  participants: RemoteParticipant[];
  /** Who the server hears as the dominant speaker (possibly the local peer). */
  activeSpeakerId: PeerId | null;
  /** The local user's role, decided by the server (null before the join). */
  localRole: Role | null;
  /** The WebSocket close code that ended the session for good (removed 4001, ended 4002), if one did. */
  closeCode: number | null;
}

/** Current audio level per peer in dBov (-127 silence .. 0 loudest); absent means silent. */
export type AudioLevels = ReadonlyMap<PeerId, number>;

/** What happened in the session, as facts; the history recorder and the desktop shell listen. */
export interface SessionEvents {
  /** The session is in the room; `peers` were there already. */
  joined: { localPeerId: PeerId; peers: Array<{ peerId: PeerId; displayName: string }> };
  /** Someone else came in after the join. */
  participantJoined: { peerId: PeerId; displayName: string };
  participantLeft: { peerId: PeerId };
  /** Every (re)connection, once joined: in-meeting features fetch what they missed. */
  connected: { localPeerId: PeerId; role: Role };
  /** Chat, hands, reactions and moderation notifications, for the in-meeting features (core/meeting). */
  meetingNotification: MeetingNotification;
  /** Emitted once: the user left, or the session failed. */
  ended: { reason: 'left' | 'failed'; error: string | null };
}

export interface JoinOptions {
  signalingUrl: string;
  roomId: RoomId;
  displayName: string;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  /** A token the server issued for this room (a hosted meeting's host or admitted guest): join as that peer. */
  sessionToken?: string;
}

/** Lobby facts for hosts and co-hosts of a hosted meeting (see protocol/lobby.ts). */
export type LobbyEvents = Pick<NotificationData, 'lobbyChanged' | 'admissionChanged'>;

/**
 * One meeting from join to leave: signaling, the mediasoup-client device and transports, the
 * local producers (mirrored from LocalMedia) and the remote participants with their tracks.
 */
export class RoomSession {
  readonly state = new Store<SessionState>({
    status: 'connecting',
    error: null,
    localPeerId: null,
    participants: [],
    activeSpeakerId: null,
    localRole: null,
    closeCode: null,
  });
  /** Levels change several times a second; kept apart so only level meters re-render. */
  readonly levels = new Store<AudioLevels>(new Map());
  /** Tiles report how they show each consumer here (adaptive video). */
  views: ViewReporter | undefined;
  private readonly participants = new Participants((list) => this.state.update((s) => ({ ...s, participants: list })));
  private signaling: SignalingClient | undefined;
  private publisher: Publisher | undefined;
  private subscriber: Subscriber | undefined;
  readonly events = new Emitter<SessionEvents>();
  /** Knocks and admission changes, for the host's lobby panel. */
  readonly lobbyEvents = new Emitter<LobbyEvents>();
  private transports: Transport[] = [];
  private ended = false;
  private options: JoinOptions | undefined;
  /** The server's token for this peer: presented on a rejoin to come back as the same peer. */
  private sessionToken: string | undefined;
  /** Peers seen before a drop, so a rejoin does not announce them as newcomers. */
  private known = new Set<PeerId>();
  private announcedJoin = false;
  private announcedEnd = false;

  /** Joins and resolves once the local media is published and existing producers are consumed. */
  static async join(options: JoinOptions): Promise<RoomSession> {
    const session = new RoomSession();
    try {
      await session.start(options);
    } catch (error) {
      session.fail(error instanceof ParleyError ? error.message : `Joining failed: ${String(error)}`);
      throw error;
    }
    return session;
  }

  private async start(options: JoinOptions): Promise<void> {
    this.options = options;
    this.sessionToken = options.sessionToken;
    await this.connect(options);
    this.announcedJoin = true;
    this.events.emit('joined', {
      localPeerId: this.state.get().localPeerId as PeerId,
      peers: this.state.get().participants.map((p) => ({ peerId: p.peerId, displayName: p.displayName })),
    });
  }

  /** One signaling connection, join, transports, publishing and subscribing: used to join and to rejoin. */
  private async connect({ signalingUrl, roomId, displayName, localMedia, screenShare }: JoinOptions): Promise<void> {
    const signaling = await SignalingClient.connect(signalingUrl);
    this.signaling = signaling;
    signaling.onClosed((reason, code) => {
      if (this.ended || this.signaling !== signaling) return;
      const { status } = this.state.get();
      if (isFinalClose(code) || status === 'connecting') this.fail(finalCloseMessage(code, reason), isFinalClose(code) ? code : null);
      else if (status === 'joined') void this.rejoin();
      // While reconnecting, the rejoin loop sees the failed attempt and tries again.
    });
    signaling.onNotification((method, data) => this.onNotification(method, data));
    this.views = new ViewReporter(signaling.request.bind(signaling));

    const { routerRtpCapabilities } = await signaling.request('getRouterRtpCapabilities', { roomId });
    const device = await Device.factory();
    await device.load({ routerRtpCapabilities });

    const joined = await this.requestJoin(signaling, { roomId, displayName, rtpCapabilities: device.rtpCapabilities });
    const { peerId, peers, activeSpeakerId, role } = joined;
    this.sessionToken = joined.sessionToken;
    this.state.update((s) => ({ ...s, localPeerId: peerId, activeSpeakerId, localRole: role }));
    this.events.emit('connected', { localPeerId: peerId, role });

    const [sendOptions, recvOptions] = await Promise.all([
      signaling.request('createWebRtcTransport', { direction: 'send' }),
      signaling.request('createWebRtcTransport', { direction: 'recv' }),
    ]);
    const sendTransport = device.createSendTransport({ ...sendOptions, id: sendOptions.transportId });
    const recvTransport = device.createRecvTransport({ ...recvOptions, id: recvOptions.transportId });
    this.transports = [sendTransport, recvTransport];
    for (const transport of this.transports) {
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        signaling
          .request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
          .then(() => callback(), errback);
      });
      transport.on('connectionstatechange', (state) => {
        if (state === 'failed' && !this.ended && this.signaling === signaling) this.fail('Media could not reach the server (the connection failed).');
      });
    }

    this.subscriber = new Subscriber(signaling, recvTransport, this.participants, this.views);
    this.publisher = new Publisher(signaling, sendTransport, localMedia, screenShare);
    for (const peer of peers) this.addPeer(peer);
    this.state.update((s) => ({ ...s, status: 'joined' }));
    await this.publisher.start();
  }

  /** Joins with the session token when there is one; a token the server no longer takes joins afresh. */
  private async requestJoin(signaling: SignalingClient, data: Omit<RequestInput<'join'>, 'sessionToken'>): Promise<ResponseData['join']> {
    if (!this.sessionToken) return signaling.request('join', data);
    try {
      return await signaling.request('join', { ...data, sessionToken: this.sessionToken });
    } catch (error) {
      // A removed participant stays out; a server that restarted with new keys gets a new peer.
      if (!(error instanceof ParleyError) || error.code !== ErrorCode.Unauthorized || /removed/.test(error.message)) throw error;
      this.sessionToken = undefined;
      return signaling.request('join', data);
    }
  }

  /**
   * The server dropped the session without anyone deciding so: tear down this connection's media
   * (local capture stays on) and join again with the session token, backing off, until it works
   * or it is time to give up.
   */
  private async rejoin(): Promise<void> {
    const options = this.options;
    if (!options) return;
    this.state.update((s) => ({ ...s, status: 'reconnecting' }));
    this.known = new Set(this.state.get().participants.map((p) => p.peerId));
    this.releaseConnection();
    for (let attempt = 0; ; attempt++) {
      const delay = rejoinDelay(attempt);
      if (delay === null) {
        this.fail('The connection to the server was lost and could not be restored.');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.ended) return;
      try {
        await this.connect(options);
        this.forgetGone();
        return;
      } catch (error) {
        if (this.ended) return;
        if (error instanceof ParleyError && error.code === ErrorCode.Unauthorized) {
          this.fail(error.message);
          return;
        }
        console.info(`rejoin attempt ${attempt + 1} failed`, error);
        this.releaseConnection();
      }
    }
  }

  /** People who were here before the drop and are not any more left while we were away. */
  private forgetGone(): void {
    const present = new Set(this.state.get().participants.map((p) => p.peerId));
    for (const peerId of this.known) if (!present.has(peerId)) this.events.emit('participantLeft', { peerId });
    this.known.clear();
  }

  /** Closes this connection's transports, producers and consumers, and its socket; local capture stays. */
  private releaseConnection(): void {
    const signaling = this.signaling;
    this.signaling = undefined;
    this.publisher?.stop();
    this.publisher = undefined;
    this.subscriber = undefined;
    this.views?.close();
    this.views = undefined;
    for (const transport of this.transports) transport.close();
    this.transports = [];
    this.participants.clear();
    signaling?.close();
  }

  /** A request on the current connection (the in-meeting features, the lobby panel's decisions); CONNECTION_CLOSED between connections. */
  request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    if (!this.signaling) return Promise.reject(new ParleyError(ErrorCode.ConnectionClosed, 'not connected to the server right now'));
    return this.signaling.request(method, data);
  }

  /** getStats() of the send and receive transports (connection quality); null where there is none. */
  async transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> {
    const [send, recv] = await Promise.all(this.transports.map((t) => (t.closed ? null : t.getStats().catch(() => null))));
    return { send: send ?? null, recv: recv ?? null };
  }

  /** Leaves the meeting and releases every transport. Safe to call twice. */
  leave(): void {
    if (this.ended) return;
    this.ended = true;
    this.publisher?.stop();
    this.signaling?.request('leave', {}).catch((error: unknown) => console.info('leave request not answered', error));
    this.close();
    this.state.update((s) => ({ ...s, status: 'left' }));
    this.announceEnd('left', null);
  }

  private fail(message: string, closeCode: number | null = null): void {
    this.ended = true;
    this.publisher?.stop();
    this.close();
    this.state.update((s) => ({ ...s, status: 'failed', error: message, closeCode }));
    this.announceEnd('failed', message);
  }

  private announceEnd(reason: 'left' | 'failed', error: string | null): void {
    if (this.announcedEnd) return;
    this.announcedEnd = true;
    this.events.emit('ended', { reason, error });
  }

  private close(): void {
    this.views?.close();
    for (const transport of this.transports) transport.close();
    this.transports = [];
    this.participants.clear();
    // Let the leave request go out before the socket closes.
    setTimeout(() => this.signaling?.close(), 50);
  }

  private addPeer(peer: PeerInfo): void {
    this.participants.add(peer.peerId, peer.displayName, peer.role);
    // Peers present at the join are announced with 'joined'; later ones one by one (not again after a rejoin).
    if (this.announcedJoin && !this.known.has(peer.peerId)) this.events.emit('participantJoined', { peerId: peer.peerId, displayName: peer.displayName });
    for (const producer of peer.producers) this.subscriber?.add(peer.peerId, producer);
  }

  private onNotification<N extends NotificationMethod>(method: N, data: NotificationData[N]): void {
    const event = { method, data } as { [K in NotificationMethod]: { method: K; data: NotificationData[K] } }[NotificationMethod];
    switch (event.method) {
      case 'peerJoined':
        this.addPeer(event.data.peer);
        break;
      case 'peerLeft':
        this.subscriber?.removePeer(event.data.peerId);
        this.participants.remove(event.data.peerId);
        this.events.emit('participantLeft', { peerId: event.data.peerId });
        break;
      case 'producerAdded':
        this.subscriber?.add(event.data.peerId, event.data.producer);
        break;
      case 'producerClosed':
        this.subscriber?.removeProducer(event.data.producerId);
        break;
      case 'producerPaused':
      case 'producerResumed':
        this.subscriber?.setProducerPaused(event.data.producerId, event.method === 'producerPaused');
        break;
      case 'consumerClosed':
        this.subscriber?.removeConsumer(event.data.consumerId);
        this.views?.forget(event.data.consumerId);
        break;
      case 'consumerLayersChanged':
        break;
      case 'roleChanged':
        this.participants.setRole(event.data.peerId, event.data.role);
        if (event.data.peerId === this.state.get().localPeerId) this.state.update((s) => ({ ...s, localRole: event.data.role }));
        this.events.emit('meetingNotification', event);
        break;
      // The in-meeting features (core/meeting) handle these.
      case 'chatReceived':
      case 'handsChanged':
      case 'reactionSent':
      case 'producerMutedByModerator':
      case 'producerClosedByModerator':
      case 'roomLockChanged':
      case 'removedFromMeeting':
      case 'meetingEnded':
        this.events.emit('meetingNotification', event);
        break;
      case 'admissionDecided': // a waiting connection's answer, never sent to a joined session
        break;
      case 'lobbyChanged':
        this.lobbyEvents.emit('lobbyChanged', event.data);
        break;
      case 'admissionChanged':
        this.lobbyEvents.emit('admissionChanged', event.data);
        break;
      case 'activeSpeaker':
        this.state.update((s) => ({ ...s, activeSpeakerId: event.data.peerId }));
        break;
      case 'audioLevels':
        this.levels.set(new Map(event.data.levels.map(({ peerId, volume }) => [peerId, volume])));
        break;
      case 'producerLayersWanted':
        this.publisher?.setWanted(event.data.producerId, event.data.spatialLayer);
        break;
      default:
        assertUnreachable(event);
    }
  }
}
