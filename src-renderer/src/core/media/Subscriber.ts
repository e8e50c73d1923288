import type { Consumer, Transport } from 'mediasoup-client/types';
import type { ConsumerId, PeerId, ProducerId } from '../../../../src-common/ids';
import type { ProducerInfo } from '../../../../src-common/protocol';
import type { Participants } from './Participants';
import type { Requester } from '../signaling/SignalingChannel';
import type { ViewReporter } from './ViewReporter';

interface RemoteProducer {
  peerId: PeerId;
  info: ProducerInfo;
  consumer?: Consumer;
}

/**
 * Consumes every remote producer on the receive transport, one at a time (mediasoup-client
 * renegotiates per consumer), and keeps the participants' tracks in step.
 */
export class Subscriber {
  private readonly producers = new Map<ProducerId, RemoteProducer>();
  /** Producers whose consume did not complete (e.g. the connection dropped meanwhile). */
  private readonly unconsumed = new Set<ProducerId>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly signaling: Requester,
    private readonly transport: Transport,
    private readonly participants: Participants,
    private readonly views: ViewReporter | undefined,
  ) {}

  add(peerId: PeerId, info: ProducerInfo): void {
    if (this.producers.has(info.producerId)) return;
    this.producers.set(info.producerId, { peerId, info });
    this.participants.setPublished(peerId, info.source, { paused: info.paused });
    this.chain = this.chain.then(() => this.consume(info.producerId));
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

  private async consume(producerId: ProducerId): Promise<void> {
    if (!this.producers.has(producerId) || this.transport.closed) return;
    try {
      const options = await this.signaling.request('consume', { producerId });
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
        return;
      }
      entry.consumer = consumer;
      // Video flows once a tile shows it; audio plays whatever the layout.
      if (options.kind === 'video') await this.views?.startHidden(options.consumerId);
      await this.signaling.request('resumeConsumer', { consumerId: options.consumerId });
      this.participants.setTrack(entry.peerId, entry.info.source, { track: consumer.track, consumerId: options.consumerId });
    } catch (error) {
      // A producer that closed meanwhile is NOT_FOUND: expected, not worth more than a note. A
      // dropped connection is retried after the resume.
      if (this.producers.has(producerId)) this.unconsumed.add(producerId);
      console.info(`consume ${producerId} did not complete:`, error);
    }
  }
}
