import { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { CloseCode, isFinalClose, type Method, type NotificationData, type NotificationMethod, type PeerInfo, type RequestInput, type ResponseData, type Role } from '../../../src-common/protocol';
import { Emitter } from './Emitter';
import { finalCloseMessage, type MeetingNotification } from './meeting/notifications';
import type { LocalMedia } from './LocalMedia';
import { Participants, type RemoteParticipant } from './Participants';
import type { ScreenShare } from './ScreenShare';
import { Publisher } from './Publisher';
import { NetworkWatch, type NetworkSignal } from './NetworkWatch';
import { rejoinDelay, RESUME_WINDOW_MS, resumeDelay } from './rejoin';
import { isRefusal, reconcileRoom, restartIce, RESUME_CONNECT_TIMEOUT_MS, tokenVerdict } from './resume';
import { SignalingChannel } from './SignalingChannel';
import { applyNotification } from './sessionNotifications';
import { SignalingClient } from './SignalingClient';
import { Store } from './Store';
import { Subscriber } from './Subscriber';
import { ViewReporter } from './ViewReporter';

/**
 * `reconnecting`: the connection dropped (network, worker died, server restart); resuming or
 * joining again by itself.
 */
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
export type LobbyEvents = Pick<NotificationData, 'lobbyChanged' | 'admissionChanged' | 'passcodeGuessing'>;

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
  /** The current socket; undefined while between sockets. */
  private signaling: SignalingClient | undefined;
  /** Requests of this peer across resumes (publisher, subscriber and views use it). */
  private channel: SignalingChannel | undefined;
  private network: NetworkWatch | undefined;
  /** The running resume or rejoin, if any; `wake` cuts its current wait short. */
  private recovering: Promise<void> | undefined;
  private wake: (() => void) | undefined;
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
    this.network = new NetworkWatch(window, (signal) => this.onNetwork(signal));
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
    const channel = new SignalingChannel(signaling);
    this.signaling = signaling;
    this.channel = channel;
    this.listen(signaling);
    this.views = new ViewReporter((method, data) => channel.request(method, data));

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
        channel
          .request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
          .then(() => callback(), errback);
      });
      // A lost media path (ICE failed, or disconnected for a while) is recovered by a resume.
      this.network?.watch(transport);
    }

    this.subscriber = new Subscriber(channel, recvTransport, this.participants, this.views);
    this.publisher = new Publisher(channel, sendTransport, localMedia, screenShare);
    for (const peer of peers) this.addPeer(peer);
    this.state.update((s) => ({ ...s, status: 'joined' }));
    await this.publisher.start();
  }

  /** Follows one socket: its notifications, and what its closing means. */
  private listen(signaling: SignalingClient): void {
    signaling.onClosed((reason, code) => {
      if (this.ended || this.signaling !== signaling) return;
      const { status } = this.state.get();
      if (isFinalClose(code) || status === 'connecting') this.fail(finalCloseMessage(code, reason), isFinalClose(code) ? code : null);
      // The room went away under us (worker died): there is no peer to resume.
      else if (code === CloseCode.RoomClosed) this.recover('rejoin');
      else this.recover('resume');
    });
    signaling.onNotification((method, data) => this.onNotification(method, data));
    // A socket that went silent is as good as closed, only TCP has not noticed yet.
    signaling.watchLiveness(() => {
      if (this.ended || this.signaling !== signaling) return;
      console.info('signaling: the server went silent');
      if (this.state.get().status !== 'connecting') this.recover('resume');
    });
  }

  private onNetwork(signal: NetworkSignal): void {
    if (this.ended || this.state.get().status === 'connecting') return;
    console.info(`network: ${signal}`);
    // Whatever the signal, the socket and the ICE pairs may be dead: resume on a fresh socket.
    this.recover('resume');
  }

  /**
   * Starts recovering unless already doing so (then a new signal, such as the network coming
   * back, cuts the current wait short). `resume` tries to take the same peer back first.
   */
  private recover(tier: 'resume' | 'rejoin'): void {
    if (this.ended) return;
    if (this.recovering) {
      this.wake?.();
      return;
    }
    this.state.update((s) => ({ ...s, status: 'reconnecting' }));
    const run = tier === 'resume' ? this.resumeOrRejoin() : this.rejoin();
    this.recovering = run
      .catch((error: unknown) => console.error('recovering the session failed', error))
      .finally(() => {
        this.recovering = undefined;
      });
  }

  /** Resume attempts for up to RESUME_WINDOW_MS, then (or as soon as the server says no) a full rejoin. */
  private async resumeOrRejoin(): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; !this.ended; attempt++) {
      const outcome = await this.tryResume();
      if (outcome === 'resumed') return;
      if (outcome === 'refused' || Date.now() - started >= RESUME_WINDOW_MS) break;
      await this.pause(resumeDelay(attempt));
    }
    if (!this.ended) await this.rejoin();
  }

  /**
   * One resume: a new socket, `resume` with the session token, the room reconciled with what the
   * server says now, and an ICE restart on both transports. `refused`: the server no longer has
   * this peer (or its transports); `unreachable`: try again.
   */
  private async tryResume(): Promise<'resumed' | 'refused' | 'unreachable'> {
    const { options, channel, sessionToken } = this;
    if (!options || !channel || !sessionToken) return 'refused';
    // Whatever socket we had is presumed dead; the close code asks the server to keep the peer.
    const old = this.signaling;
    this.signaling = undefined;
    channel.use(undefined);
    old?.abandon(CloseCode.Resuming, 'resuming on a new connection');

    let fresh: SignalingClient;
    try {
      fresh = await SignalingClient.connect(options.signalingUrl, RESUME_CONNECT_TIMEOUT_MS);
    } catch {
      return 'unreachable';
    }
    // Notifications that overtake the answer are newer than its snapshot: applied after it.
    const overtaking: Array<[NotificationMethod, NotificationData[NotificationMethod]]> = [];
    fresh.onNotification((method, data) => void overtaking.push([method, data]));
    let resumed: ResponseData['resume'];
    try {
      resumed = await fresh.request('resume', { roomId: options.roomId, sessionToken });
    } catch (error) {
      // Closed as resuming: an answer lost on the way must not make the server release the peer.
      fresh.abandon(CloseCode.Resuming, 'resume not answered');
      if (this.endedForGood(error)) return 'refused';
      return isRefusal(error) ? 'refused' : 'unreachable';
    }
    if (this.ended) {
      fresh.request('leave', {}).finally(() => fresh.close()).catch(() => undefined);
      return 'refused';
    }
    this.sessionToken = resumed.sessionToken;
    this.signaling = fresh;
    this.listen(fresh);
    channel.use(fresh);
    this.state.update((s) => ({ ...s, localPeerId: resumed.peerId, activeSpeakerId: resumed.activeSpeakerId, localRole: resumed.role }));
    reconcileRoom(resumed, {
      participants: this.participants,
      subscriber: this.subscriber,
      publisher: this.publisher,
      addPeer: (peer) => this.addPeer(peer),
      removePeer: (peerId) => this.removePeer(peerId),
    });
    for (const [method, data] of overtaking) this.onNotification(method, data);
    try {
      await restartIce(channel, this.transports, resumed.transportIds);
    } catch (error) {
      console.info('ICE restart after resume failed', error);
      return isRefusal(error) ? 'refused' : 'unreachable';
    }
    this.state.update((s) => ({ ...s, status: 'joined' }));
    // The in-meeting features fetch what they missed (chat, hands) while the socket was gone.
    this.events.emit('connected', { localPeerId: resumed.peerId, role: resumed.role });
    console.info('session resumed');
    return 'resumed';
  }

  /** Waits `ms`, or less if `wake` is called (the network came back). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Joins with the session token when there is one; a token the server no longer takes joins afresh. */
  private async requestJoin(signaling: SignalingClient, data: Omit<RequestInput<'join'>, 'sessionToken'>): Promise<ResponseData['join']> {
    if (!this.sessionToken) return signaling.request('join', data);
    try {
      return await signaling.request('join', { ...data, sessionToken: this.sessionToken });
    } catch (error) {
      // A removed participant stays out; an expired token, or a server that restarted with new keys, gets a new peer.
      if (tokenVerdict(error) !== 'stale') throw error;
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
    this.known = new Set(this.state.get().participants.map((p) => p.peerId));
    this.releaseConnection();
    for (let attempt = 0; ; attempt++) {
      const delay = rejoinDelay(attempt);
      if (delay === null) {
        this.fail('The connection to the server was lost and could not be restored.');
        return;
      }
      await this.pause(delay);
      if (this.ended) return;
      try {
        await this.connect(options);
        this.forgetGone();
        return;
      } catch (error) {
        if (this.ended) return;
        if (this.endedForGood(error)) return;
        if (error instanceof ParleyError && error.code === ErrorCode.Unauthorized) {
          this.fail(error.message);
          return;
        }
        console.info(`rejoin attempt ${attempt + 1} failed`, error);
        this.releaseConnection();
      }
    }
  }

  /**
   * The meeting ended, or this person was removed, while they were away (resuming or rejoining):
   * the session ends as it would have had the close reached them, and is not started again.
   */
  private endedForGood(error: unknown): boolean {
    const verdict = tokenVerdict(error);
    if (verdict === 'ended') this.fail(finalCloseMessage(CloseCode.Ended, ''), CloseCode.Ended);
    else if (verdict === 'removed') this.fail(finalCloseMessage(CloseCode.Removed, ''), CloseCode.Removed);
    else return false;
    return true;
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
    this.channel?.abandon();
    this.channel = undefined;
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

  /** A request for the in-meeting features and the lobby panel; CONNECTION_CLOSED during a full rejoin. */
  request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    // The channel outlives a resume: a request made between sockets goes out on the new one.
    if (!this.channel) return Promise.reject(new ParleyError(ErrorCode.ConnectionClosed, 'not connected to the server right now'));
    return this.channel.request(method, data);
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
    this.network?.close();
    this.wake?.();
    this.views?.close();
    for (const transport of this.transports) transport.close();
    this.transports = [];
    this.participants.clear();
    // Let the leave request go out before the socket closes.
    setTimeout(() => this.signaling?.close(), 50);
  }

  private addPeer(peer: PeerInfo): void {
    this.participants.add(peer.peerId, peer.displayName, { role: peer.role, reconnecting: peer.reconnecting === true });
    // Peers present at the join are announced with 'joined'; later ones one by one (not again after a rejoin).
    if (this.announcedJoin && !this.known.has(peer.peerId)) this.events.emit('participantJoined', { peerId: peer.peerId, displayName: peer.displayName });
    for (const producer of peer.producers) this.subscriber?.add(peer.peerId, producer);
  }

  private removePeer(peerId: PeerId): void {
    this.subscriber?.removePeer(peerId);
    this.participants.remove(peerId);
    this.events.emit('participantLeft', { peerId });
  }

  private onNotification<N extends NotificationMethod>(method: N, data: NotificationData[N]): void {
    applyNotification(method, data, {
      addPeer: (peer) => this.addPeer(peer),
      removePeer: (peerId) => this.removePeer(peerId),
      participants: this.participants,
      subscriber: this.subscriber,
      publisher: this.publisher,
      views: this.views,
      setActiveSpeaker: (peerId) => this.state.update((s) => ({ ...s, activeSpeakerId: peerId })),
      setLevels: (levels) => this.levels.set(levels),
      setRole: (peerId, role) => {
        this.participants.setRole(peerId, role);
        if (peerId === this.state.get().localPeerId) this.state.update((s) => ({ ...s, localRole: role }));
      },
      meetingNotification: (event) => this.events.emit('meetingNotification', event),
      lobby: this.lobbyEvents,
    });
  }
}
