import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { PeerId } from '../../../../src-common/ids';
import { CloseCode, type Method, type RequestInput, type ResponseData } from '../../../../src-common/protocol';
import { Emitter } from '../base/Emitter';
import { Store } from '../base/Store';
import { DeviceFactory } from '../media/DeviceFactory';
import type { ViewReporter } from '../media/ViewReporter';
import { Connection, type ServerNotification } from './Connection';
import { rejoinFailure, resumeFailure } from './failures';
import { leaveIfEnded, requestJoin } from './joinSteps';
import type { JoinWarmup } from './JoinWarmup';
import { NetworkWatch } from './NetworkWatch';
import { PeerLink } from './PeerLink';
import { Reconnector } from './Reconnector';
import type { AttemptFailure } from './recoveryPolicy';
import { reconcileRoom, RESUME_CONNECT_TIMEOUT_MS } from './resume';
import { Roster } from './Roster';
import type { AudioLevels, JoinOptions, LobbyEvents, SessionEvents, SessionState } from './sessionTypes';

export type { AudioLevels, JoinOptions, LobbyEvents, SessionEvents, SessionState, SessionStatus } from './sessionTypes';

/**
 * One meeting from join to leave, as the UI sees it: state, events, requests and leave. The
 * socket of the moment is a Connection, the peer on the server a PeerLink (replaced by a full
 * rejoin), and when to resume, rejoin or give up is the Reconnector's policy.
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
  readonly events = new Emitter<SessionEvents>();
  /** Knocks and admission changes, for the host's lobby (core/meeting/Lobby). */
  readonly lobbyEvents = new Emitter<LobbyEvents>();
  private readonly roster = new Roster({
    state: this.state,
    levels: this.levels,
    events: this.events,
    lobbyEvents: this.lobbyEvents,
    link: () => this.link,
  });
  private readonly recovery = new Reconnector({
    announceReconnecting: () => this.state.update((s) => ({ ...s, status: 'reconnecting' })),
    resume: () => this.resume(),
    release: () => {
      this.roster.remember();
      this.release();
    },
    rejoin: () => this.rejoin(),
    fail: (message, closeCode) => this.fail(message, closeCode),
  });
  /** The current socket; undefined while between sockets. */
  private connection: Connection | undefined;
  private link: PeerLink | undefined;
  private network: NetworkWatch | undefined;
  private ended = false;
  private options!: JoinOptions;
  /** The server's token for this peer: presented on a rejoin to come back as the same peer. */
  private sessionToken: string | undefined;
  private announcedEnd = false;
  /** Notifications that came while a join was being answered (see connect()). */
  private held: ServerNotification[] | undefined;
  private devices!: DeviceFactory;
  private warmup: JoinWarmup | undefined;

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

  /** Tiles report how they show each consumer here (adaptive video); undefined between peers. */
  get views(): ViewReporter | undefined {
    return this.link?.views;
  }

  private async start(options: JoinOptions): Promise<void> {
    this.options = options;
    this.devices = options.devices ?? new DeviceFactory();
    this.warmup = options.warmup;
    this.sessionToken = options.sessionToken;
    this.network = new NetworkWatch(window, (signal) => {
      if (!this.ended && this.state.get().status !== 'connecting') console.info(`network: ${signal}`);
      // Whatever the signal, the socket and the ICE pairs may be dead: resume on a fresh socket.
      this.recovery.dispatch({ type: 'network' });
    });
    await this.connect();
    this.roster.announceJoined(this.state.get().localPeerId as PeerId);
  }

  /**
   * One connection, join, transports, publishing and subscribing: used to join and to rejoin. With
   * a server that can (`joinMedia`), the join's answer brings both transports and a consumer of
   * everything already published, so the receive side is set up, resumed and connecting before
   * anything else is asked; the meeting's features and the publisher come after it.
   */
  private async connect(): Promise<void> {
    const { signalingUrl, roomId, displayName, localMedia, screenShare } = this.options;
    // The first join may start on the socket the pre-join screen opened; a rejoin opens its own.
    const warm = await this.warmup?.take(signalingUrl, roomId);
    this.warmup = undefined;
    const connection = warm?.connection ?? (await Connection.open(signalingUrl));
    this.leaveIfEnded(connection);
    const link = new PeerLink(connection, this.network);
    this.link = link;
    // Notifications that overtake the join's answer are newer than its snapshot: applied after it.
    this.held = [];
    this.adopt(connection);

    const { rtpCapabilities, features } = await link.loadDevice(connection, roomId, this.devices, warm?.capabilities);
    const media: Pick<RequestInput<'join'>, 'transports' | 'consumeExisting'> = features.includes('joinMedia') ? { transports: ['send', 'recv'], consumeExisting: true } : {};
    const joined = await this.requestJoin(connection, { roomId, displayName, rtpCapabilities, ...media });
    this.leaveIfEnded(connection, link);
    const { peerId, peers, activeSpeakerId, role } = joined;
    this.sessionToken = joined.sessionToken;
    this.state.update((s) => ({ ...s, localPeerId: peerId, activeSpeakerId, localRole: role }));

    await link.openTransports(connection, { participants: this.roster.participants, localMedia, screenShare }, joined.transports);
    this.leaveIfEnded(connection, link);
    link.subscriber?.expect(joined.consumers ?? [], this.options.cameraView?.(peers.length + 1) ?? null);
    for (const peer of peers) this.roster.add(peer);
    this.releaseHeld();
    this.state.update((s) => ({ ...s, status: 'joined' }));
    // The receive side's requests go first: the server answers one connection's requests in order.
    await link.subscriber?.requested();
    this.leaveIfEnded(connection, link);
    this.events.emit('connected', { localPeerId: peerId, role });
    // From here a drop of the first join is recovered; a rejoin is told its outcome by the Reconnector.
    if (this.recovery.phase.name === 'connecting') this.recovery.dispatch({ type: 'joined' });
    await link.publisher?.start();
  }

  /** Applies the notifications held while a join was answered, in the order they came. */
  private releaseHeld(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const notification of held) this.roster.apply(notification);
  }

  /** See joinSteps.leaveIfEnded. */
  private leaveIfEnded(connection: Connection, link?: PeerLink): void {
    leaveIfEnded(this.ended, connection, link);
  }

  private async requestJoin(connection: Connection, data: Omit<RequestInput<'join'>, 'sessionToken'>): Promise<ResponseData['join']> {
    const { joined, sessionToken } = await requestJoin(connection, this.sessionToken, data);
    this.sessionToken = sessionToken;
    return joined;
  }

  /** Follows one socket: its notifications, its closing and its silence go to the session and its policy. */
  private adopt(connection: Connection): void {
    this.connection = connection;
    const current = (): boolean => !this.ended && this.connection === connection;
    connection.events.on('notification', (notification) => {
      if (!current()) return;
      if (this.held) this.held.push(notification);
      else this.roster.apply(notification);
    });
    connection.events.on('closed', ({ code, reason }) => current() && this.recovery.dispatch({ type: 'closed', code, reason }));
    connection.events.on('silent', () => {
      if (!current()) return;
      console.info('signaling: the server went silent');
      this.recovery.dispatch({ type: 'silent' });
    });
    connection.watchLiveness();
  }

  /**
   * One resume: a new socket, `resume` with the session token, the room reconciled with what the
   * server says now, and an ICE restart on both transports.
   */
  private async resume(): Promise<AttemptFailure | null> {
    const { link, sessionToken } = this;
    if (!link || !sessionToken) return { kind: 'refused' };
    // Whatever socket we had is presumed dead; the close code asks the server to keep the peer.
    const old = this.connection;
    this.connection = undefined;
    link.moveTo(undefined);
    old?.abandon(CloseCode.Resuming, 'resuming on a new connection');

    let fresh: Connection;
    try {
      fresh = await Connection.open(this.options.signalingUrl, RESUME_CONNECT_TIMEOUT_MS);
    } catch {
      return { kind: 'unreachable' };
    }
    // Notifications that overtake the answer are newer than its snapshot: applied after it.
    const overtaking: ServerNotification[] = [];
    const stopBuffering = fresh.events.on('notification', (notification) => void overtaking.push(notification));
    let resumed: ResponseData['resume'];
    try {
      resumed = await fresh.request('resume', { roomId: this.options.roomId, sessionToken });
    } catch (error) {
      // Closed as resuming: an answer lost on the way must not make the server release the peer.
      fresh.abandon(CloseCode.Resuming, 'resume not answered');
      return resumeFailure(error);
    } finally {
      stopBuffering();
    }
    if (this.ended) {
      fresh.request('leave', {}).finally(() => fresh.close()).catch(() => undefined);
      return { kind: 'refused' };
    }
    this.sessionToken = resumed.sessionToken;
    this.adopt(fresh);
    link.moveTo(fresh);
    this.state.update((s) => ({ ...s, localPeerId: resumed.peerId, activeSpeakerId: resumed.activeSpeakerId, localRole: resumed.role }));
    reconcileRoom(resumed, {
      participants: this.roster.participants,
      subscriber: link.subscriber,
      publisher: link.publisher,
      addPeer: (peer) => this.roster.add(peer),
      removePeer: (peerId) => this.roster.remove(peerId),
    });
    for (const notification of overtaking) this.roster.apply(notification);
    try {
      await link.restartIce(resumed.transportIds);
    } catch (error) {
      console.info('ICE restart after resume failed', error);
      return resumeFailure(error);
    }
    this.state.update((s) => ({ ...s, status: 'joined' }));
    // The in-meeting features fetch what they missed (chat, hands) while the socket was gone.
    this.events.emit('connected', { localPeerId: resumed.peerId, role: resumed.role });
    console.info('session resumed');
    return null;
  }

  /** One full join as the same person (with the session token); what failed is released at once. */
  private async rejoin(): Promise<AttemptFailure | null> {
    try {
      await this.connect();
    } catch (error) {
      if (!this.ended) {
        console.info('rejoin attempt failed', error);
        this.release();
      }
      return rejoinFailure(error);
    }
    this.roster.forgetGone();
    return null;
  }

  /** Closes this connection's transports, producers and consumers, and its socket; local capture stays. */
  private release(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.held = undefined;
    this.link?.release();
    this.link = undefined;
    this.roster.participants.clear();
    connection?.close();
  }

  /** A request for the in-meeting features; CONNECTION_CLOSED during a full rejoin. */
  request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    // The channel outlives a resume: a request made between sockets goes out on the new one.
    if (!this.link) return Promise.reject(new ParleyError(ErrorCode.ConnectionClosed, 'not connected to the server right now'));
    return this.link.channel.request(method, data);
  }

  /** getStats() of the send and receive transports (connection quality); null where there is none. */
  transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> {
    return this.link?.transportStats() ?? Promise.resolve({ send: null, recv: null });
  }

  /** Leaves the meeting and releases every transport. Safe to call twice. */
  leave(): void {
    if (this.ended) return;
    this.ended = true;
    this.recovery.dispatch({ type: 'ended' });
    this.link?.publisher?.stop();
    this.connection?.request('leave', {}).catch((error: unknown) => console.info('leave request not answered', error));
    this.close();
    this.state.update((s) => ({ ...s, status: 'left' }));
    this.announceEnd('left', null);
  }

  private fail(message: string, closeCode: number | null = null): void {
    this.ended = true;
    this.recovery.dispatch({ type: 'ended' });
    this.link?.publisher?.stop();
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
    this.link?.close();
    this.roster.participants.clear();
    // Let the leave request go out before the socket closes.
    setTimeout(() => this.connection?.close(), 50);
  }
}
