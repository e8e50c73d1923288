import { ErrorCode, ParleyError } from '../../../src-common/errors';
import { HIDDEN_VIEW, type ConsumerOptions, type PeerInfo, type RequestData, type ResponseData } from '../../../src-common/protocol';
import type { Peer } from '../Peer';
import type { Room } from '../Room';

type JoinMedia = Pick<ResponseData['join'], 'transports' | 'consumers'>;

/**
 * The media part of a join (the `joinMedia` feature): the transports the client asked for and,
 * with `consumeExisting`, a consumer of every producer in the join's snapshot (`others`), so the
 * client can set up its receive side from the join's answer alone instead of one round trip per
 * transport and per producer. Consumers start as `consume` makes them (paused until
 * `resumeConsumer`), video also hidden until a `setConsumerView`; their publishers are asked for
 * at least the base layer meanwhile (see Room.consume's `arriving`).
 */
export async function joinMedia(room: Room, peer: Peer, request: RequestData<'join'>, others: readonly PeerInfo[]): Promise<JoinMedia> {
  if (!request.transports?.length) return {};
  const transports: NonNullable<JoinMedia['transports']> = {};
  // One after the other: the transport limit is checked against what exists.
  for (const direction of request.transports) transports[direction] = await peer.createTransport(direction);
  if (!request.consumeExisting) return { transports };
  // All at once (the worker answers in order anyway; this saves waiting for each answer), so the
  // consumer limit is applied here, before any exists: the client consumes nothing more, as with `consume`.
  const producers = others.flatMap((other) => other.producers).slice(0, peer.consumerRoom);
  const consumers = await Promise.all(producers.map((producer) => room.consume(peer, producer.producerId, HIDDEN_VIEW, true).catch(skipClosed)));
  return { transports, consumers: consumers.filter((c): c is ConsumerOptions => c !== null) };
}

/** A producer closed since the snapshot is left out: the client hears producerClosed after this answer. */
function skipClosed(error: unknown): null {
  if (error instanceof ParleyError && error.code === ErrorCode.NotFound) return null;
  throw error;
}
