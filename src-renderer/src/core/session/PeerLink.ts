import type { Device } from 'mediasoup-client';
import type { RtpCapabilities, Transport } from 'mediasoup-client/types';
import type { RoomId } from '../../../../src-common/ids';
import type { ResponseData, ServerFeature, TransportOptions } from '../../../../src-common/protocol';
import type { DeviceFactory } from '../media/DeviceFactory';
import type { LocalMedia } from '../media/LocalMedia';
import type { Participants } from '../media/Participants';
import { Publisher } from '../media/Publisher';
import type { ScreenShare } from '../media/ScreenShare';
import { Subscriber } from '../media/Subscriber';
import { ViewReporter } from '../media/ViewReporter';
import { SignalingChannel } from '../signaling/SignalingChannel';
import type { Connection } from './Connection';
import type { NetworkWatch } from './NetworkWatch';
import { restartIce } from './resume';

/**
 * One peer of this session on the server, from its join until a full rejoin replaces it: the
 * signaling channel (which outlives resumes), the device, both transports, the publisher, the
 * subscriber and the view reporter. A resume keeps it and moves it to the new socket.
 */
export class PeerLink {
  readonly channel: SignalingChannel;
  /** Tiles report how they show each consumer here (adaptive video). */
  readonly views: ViewReporter;
  publisher: Publisher | undefined;
  subscriber: Subscriber | undefined;
  private device: Device | undefined;
  private features = new Set<ServerFeature>();
  private transports: Transport[] = [];

  constructor(
    connection: Connection,
    private readonly network: NetworkWatch | undefined,
  ) {
    const channel = new SignalingChannel(connection.signaling);
    this.channel = channel;
    this.views = new ViewReporter((method, data) => channel.request(method, data));
  }

  /**
   * Loads a device with the room's router capabilities (asked now, or `answered` ahead of the join
   * on this connection); returns what this client can receive, for the join, and what the server
   * understands beyond the base protocol.
   */
  async loadDevice(
    connection: Connection,
    roomId: RoomId,
    devices: DeviceFactory,
    answered?: ResponseData['getRouterRtpCapabilities'],
  ): Promise<{ rtpCapabilities: RtpCapabilities; features: readonly ServerFeature[] }> {
    const { routerRtpCapabilities, features = [] } = answered ?? (await connection.request('getRouterRtpCapabilities', { roomId }));
    const device = await devices.create(routerRtpCapabilities);
    this.device = device;
    this.features = new Set(features);
    return { rtpCapabilities: device.rtpCapabilities, features };
  }

  /**
   * Creates both transports (those the join answered with are used as they are), the subscriber
   * (tracks into `participants`) and the publisher (started by the caller).
   */
  async openTransports(
    connection: Connection,
    media: { participants: Participants; localMedia: LocalMedia; screenShare: ScreenShare },
    made: ResponseData['join']['transports'] = {},
  ): Promise<void> {
    const device = this.device;
    if (!device) throw new Error('openTransports() | the device is not loaded');
    const ask = (direction: 'send' | 'recv'): Promise<TransportOptions> | TransportOptions =>
      made?.[direction] ?? connection.request('createWebRtcTransport', { direction });
    const [sendOptions, recvOptions] = await Promise.all([ask('send'), ask('recv')]);
    // Receiving first: its connection is on the way to the first picture.
    const recvTransport = device.createRecvTransport({ ...recvOptions, id: recvOptions.transportId });
    const sendTransport = device.createSendTransport({ ...sendOptions, id: sendOptions.transportId });
    this.transports = [sendTransport, recvTransport];
    for (const transport of this.transports) {
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        this.channel
          .request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
          .then(() => callback(), errback);
      });
      // A lost media path (ICE failed, or disconnected for a while) is recovered by a resume.
      this.network?.watch(transport);
    }
    this.subscriber = new Subscriber(this.channel, recvTransport, media.participants, this.views, this.features.has('joinMedia'));
    this.publisher = new Publisher(this.channel, sendTransport, media.localMedia, media.screenShare);
  }

  /** Requests wait for the next socket (a resume is under way), or go out on `connection`. */
  moveTo(connection: Connection | undefined): void {
    this.channel.use(connection?.signaling);
  }

  /** After a resume: new ICE credentials for both transports; NOT_FOUND when the server lost one. */
  restartIce(serverTransportIds: readonly string[]): Promise<void> {
    return restartIce(this.channel, this.transports, serverTransportIds);
  }

  /** getStats() of the send and receive transports (connection quality); null where there is none. */
  async transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }> {
    const [send, recv] = await Promise.all(this.transports.map((t) => (t.closed ? null : t.getStats().catch(() => null))));
    return { send: send ?? null, recv: recv ?? null };
  }

  /** A full rejoin replaces this peer: fails its waiting requests, stops publishing, closes the transports. */
  release(): void {
    this.channel.abandon();
    this.publisher?.stop();
    this.close();
  }

  /** Closes the view reporter and the transports (and with them every producer and consumer). */
  close(): void {
    this.views.close();
    for (const transport of this.transports) transport.close();
    this.transports = [];
  }
}
