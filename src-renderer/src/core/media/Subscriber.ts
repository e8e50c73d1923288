import type { Consumer, Transport } from 'mediasoup-client/types';
import type { ConsumerId, PeerId, ProducerId } from '../../../../src-common/ids';
import { HIDDEN_VIEW, type ConsumerOptions, type ProducerInfo } from '../../../../src-common/protocol';
import type { Participants } from './Participants';
import type { Requester } from '../signaling/SignalingChannel';
import type { TileView, ViewReporter } from './ViewReporter';

interface RemoteProducer {
  peerId: PeerId;
  info: ProducerInfo;
  consumer?: Consumer;
}

/**
 * Consumes every remote producer on the receive transport and keeps the participants' tracks in
 * step. Consumers the server made with the join are set up together (mediasoup-client negotiates
 * them in one batch); the ones asked for later, one at a time in the order their producers came.
 */
export class Subscriber {
  private readonly producers = new Map<ProducerId, RemoteProducer>();
  /** Producers whose consume did not complete (e.g. the connection dropped meanwhile). */
  private readonly unconsumed = new Set<ProducerId>();
  /** Consumers the server made with the join (`consumeExisting`), by producer, until added. */
  private readonly made = new Map<ProducerId, ConsumerOptions>();
  /** How the join's camera consumers will likely be shown (see expect()); null: wait for the tiles. */
  private cameraGuess: TileView | null = null;
  /** Settles once each of the join's consumers has asked to be resumed (or failed). */
  private madeRequested: Promise<unknown>[] = [];
  private chain: Promise<void> = Promise.resolve();

  /** `viewInConsume`: the server takes a view with `consume` (the `joinMedia` feature). */
  constructor(
    private readonly signaling: Requester,
    private readonly transport: Transport,
    private readonly participants: Participants,
    private readonly views: ViewReporter | undefined,
    private readonly viewInConsume = false,
  ) {}

  /**
   * The server made these consumers with the join: `add()` of their producers uses them.
   * `cameraView`: how the grid will likely show a camera, told to the server with the resume so
   * the first picture does not wait for the tiles to be laid out (they correct it when they are).
   */
  expect(consumers: readonly ConsumerOptions[], cameraView: TileView | null = null): void {
    for (const options of consumers) this.made.set(options.producerId, options);
    this.cameraGuess = cameraView;
  }

  /** Resolves once the join's consumers have all asked to be resumed: later requests queue behind them. */
  async requested(): Promise<void> {
    await Promise.allSettled(this.madeRequested);
    this.madeRequested = [];
  }

  add(peerId: PeerId, info: ProducerInfo): void {
    if (this.producers.has(info.producerId)) return;
    this.producers.set(info.producerId, { peerId, info });
    this.participants.setPublished(peerId, info.source, { paused: info.paused });
    const made = this.made.get(info.producerId);
    if (made) {
      this.made.delete(info.producerId);
      // The guessed view goes out now, before the consumer is set up here: the server wakes the
      // publisher for that layer while this side negotiates and connects.
      const guess = made.kind === 'video' && info.source === 'camera' ? this.cameraGuess : null;
      if (guess) this.views?.startShown(made.consumerId, guess);
      let requested!: () => void;
      this.madeRequested.push(new Promise<void>((resolve) => (requested = resolve)));
      void this.consume(info.producerId, made, requested, guess !== null);
    } else {
      this.chain = this.chain.then(() => this.consume(info.producerId));
    }
  }

  setProducerPaused(producerId: ProducerId, paused: boolean): void {
    const entry = this.producers.get(producerId);
    if (!entry) return;
    entry.info = { ...entry.info, paused };
    this.participants.setPublished(entry.peerId, entry.info.source, { paused });
  }

  removeProducer(producerId: ProducerId): void {
    const entry = this.producers.get(producerId);
    if (!entry) return;
    this.producers.delete(producerId);
    this.unconsumed.delete(producerId);
    entry.consumer?.close();
    this.participants.setTrack(entry.peerId, entry.info.source, null);
    this.participants.setPublished(entry.peerId, entry.info.source, null);
  }

  removePeer(peerId: PeerId): void {
    for (const [producerId, entry] of this.producers) {
      if (entry.peerId === peerId) this.removeProducer(producerId);
    }
  }

  /**
   * After a resume: makes `peerId`'s producers match the server's list (what was added, closed,
   * paused or resumed while we were away) and retries consumes that the drop interrupted.
   */
  reconcile(peerId: PeerId, producers: readonly ProducerInfo[]): void {
    const listed = new Set(producers.map((p) => p.producerId));
    for (const [producerId, entry] of this.producers) {
      if (entry.peerId === peerId && !listed.has(producerId)) this.removeProducer(producerId);
    }
    for (const info of producers) {
      if (!this.producers.has(info.producerId)) this.add(peerId, info);
      else if (this.producers.get(info.producerId)?.info.paused !== info.paused) this.setProducerPaused(info.producerId, info.paused);
      if (this.unconsumed.delete(info.producerId)) this.chain = this.chain.then(() => this.consume(info.producerId));
    }
  }

  /** The server closed one of our consumers (its producer is gone). */
  removeConsumer(consumerId: ConsumerId): void {
    for (const [producerId, entry] of this.producers) {
      if (entry.consumer?.id === consumerId) this.removeProducer(producerId);
    }
  }

  /**
   * `made`: the server already made (and, for video, hid) the consumer; `shown`: its guessed view
   * went out already. `requested`: called once its resume has been asked for, or it failed.
   */
  private async consume(producerId: ProducerId, made?: ConsumerOptions, requested: () => void = () => {}, shown = false): Promise<void> {
    if (!this.producers.has(producerId) || this.transport.closed) return requested();
    try {
      const hiddenByServer = made !== undefined || this.viewInConsume;
      // Hidden until a tile shows it (a tile on another page may never do so).
      const options = made ?? (await this.signaling.request('consume', this.viewInConsume ? { producerId, view: HIDDEN_VIEW } : { producerId }));
      const consumer = await this.transport.consume({
        id: options.consumerId,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: options.rtpParameters,
      });
      const entry = this.producers.get(producerId);
      if (!entry) {
        // The producer went away while we were setting up.
        consumer.close();
        return requested();
      }
      entry.consumer = consumer;
      // Video flows once a tile shows it (or is about to); audio plays whatever the layout.
      if (options.kind === 'video' && !shown) {
        if (hiddenByServer) this.views?.startHiddenOnServer(options.consumerId);
        else await this.views?.startHidden(options.consumerId);
      }
      const resumed = this.signaling.request('resumeConsumer', { consumerId: options.consumerId });
      requested();
      // The tile comes now, so its view goes out while the media path is still being set up.
      this.participants.setTrack(entry.peerId, entry.info.source, { track: consumer.track, consumerId: options.consumerId });
      await resumed;
    } catch (error) {
      // A producer that closed meanwhile is NOT_FOUND: expected, not worth more than a note. A
      // dropped connection is retried after the resume.
      if (this.producers.has(producerId)) this.unconsumed.add(producerId);
      console.info(`consume ${producerId} did not complete:`, error);
      requested();
    }
  }
}
