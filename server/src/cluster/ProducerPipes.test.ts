/**
 * Pipes between routers on two real workers, with real RTP: a camera sent into worker 0 reaches a
 * consumer on worker 1 only through a pipe made for it, counted, and closed after its last use.
 */
import type { Consumer, PlainTransport, Producer, Router } from 'mediasoup/node/lib/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Logger } from '../logger';
import { mediaCodecs } from '../media/codecs';
import { WorkerPool } from '../media/WorkerPool';
import { countingReceiver, RtpCameraSender, type RtpCounter } from '../testing/rtpFlow';
import { waitFor } from '../testing/waitFor';
import { ProducerPipes } from './ProducerPipes';

let pool: WorkerPool;
let routers: Router[];
let pipes: ProducerPipes;
let sender: RtpCameraSender;
let producer: Producer;
let frames: NodeJS.Timeout | undefined;
const closers: Array<() => void> = [];

beforeEach(async () => {
  const logger = new Logger('[test]', 'warn');
  pool = await WorkerPool.create({ count: 2, listenIp: '127.0.0.1', announcedAddress: '127.0.0.1', rtcPort: 0, logger, healthCheckMs: 0 });
  const [zero, one] = pool.all();
  // One router per worker, as a room has: a worker cannot hold two producers with the same id.
  routers = [await zero!.worker.createRouter({ mediaCodecs }), await one!.worker.createRouter({ mediaCodecs })];
  pipes = new ProducerPipes(logger);
  sender = await RtpCameraSender.create(routers[0]!, 1111);
  producer = await sender.transport.produce({ kind: 'video', rtpParameters: sender.rtpParameters });
  // A camera at 50 frames/s with a key frame every 10 frames, until the test ends.
  let n = 0;
  frames = setInterval(() => sender.frame(n++ % 10 === 0), 20);
});

afterEach(() => {
  clearInterval(frames);
  for (const close of closers.splice(0)) close();
  sender.close();
  pipes.close();
  pool.close();
});

/** A consumer of `consumed` on a PlainTransport of `router` towards a fresh counter. */
async function receiver(router: Router, consumed: Producer): Promise<{ counter: RtpCounter; transport: PlainTransport; consumer: Consumer }> {
  const received = await countingReceiver(router, consumed);
  closers.push(received.close);
  return received;
}

const consumersOf = async (router: Router): Promise<number> =>
  Object.keys(((await router.dump()) as { mapConsumerIdProducerId: Record<string, string> }).mapConsumerIdProducerId).length;

describe('producer pipes between workers', () => {
  it('delivers a camera sent to worker 0 to a consumer on worker 1 through one counted pipe', async () => {
    const first = await pipes.acquire(producer, routers[0]!, routers[1]!);
    const second = await pipes.acquire(producer, routers[0]!, routers[1]!);
    expect(second.producer).toBe(first.producer);
    expect(first.producer.id).toBe(producer.id);
    expect(pipes.refs(producer.id, routers[1]!.id)).toBe(2);
    // One pipe consumer on the origin side, however many uses.
    expect(await consumersOf(routers[0]!)).toBe(1);

    const { counter } = await receiver(routers[1]!, first.producer);
    await waitFor(() => counter.packets >= 20, 'twenty packets of the camera on worker 1');
    // Each frame is one packet of a 1000-byte VP8 payload.
    expect(counter.bytes).toBeGreaterThan(20 * 1000);

    first.release();
    first.release();
    expect(pipes.refs(producer.id, routers[1]!.id)).toBe(1);
    second.release();
    expect(pipes.size).toBe(0);
    expect(first.producer.closed).toBe(true);
    await waitFor(async () => (await consumersOf(routers[0]!)) === 0, 'the pipe consumer on worker 0 to close with the last use');
  });

  it('pauses, resumes and closes the piped producer with the original', async () => {
    const lease = await pipes.acquire(producer, routers[0]!, routers[1]!);
    const { counter, consumer } = await receiver(routers[1]!, lease.producer);
    await waitFor(() => counter.packets >= 5, 'packets before the pause');

    const paused = new Promise((resolve) => consumer.once('producerpause', () => resolve(true)));
    await producer.pause();
    expect(await paused).toBe(true);
    // The worker tells consumers before the pipe producer's own pause request has answered.
    await waitFor(() => lease.producer.paused, 'the pipe producer to show paused');

    const resumed = new Promise((resolve) => consumer.once('producerresume', () => resolve(true)));
    await producer.resume();
    expect(await resumed).toBe(true);
    await waitFor(() => !lease.producer.paused, 'the pipe producer to show resumed');
    const before = counter.packets;
    await waitFor(() => counter.packets >= before + 5, 'packets again after the resume');

    const closed = new Promise((resolve) => consumer.once('producerclose', () => resolve(true)));
    producer.close();
    expect(await closed).toBe(true);
    await waitFor(() => pipes.size === 0, 'the pipe to be forgotten once its producer closed');
    lease.release();
  });

  it('carries a consumer\'s key-frame request back through the pipe to the publisher', async () => {
    const lease = await pipes.acquire(producer, routers[0]!, routers[1]!);
    const { counter, consumer } = await receiver(routers[1]!, lease.producer);
    await waitFor(() => counter.packets >= 5, 'packets on worker 1');
    sender.feedback.length = 0;
    await consumer.requestKeyFrame();
    // PSFB (206) with format 1 (PLI) or 4 (FIR), from the PlainTransport the camera sends to.
    await waitFor(() => sender.feedback.some(({ type, format }) => type === 206 && (format === 1 || format === 4)), 'a PLI or FIR at the publisher');
    lease.release();
  });

  it('starts every pipe of a producer at its origin router, so pipes never form a cycle', async () => {
    const lease = await pipes.acquire(producer, routers[0]!, routers[1]!);
    // Piping the copy on worker 1 anywhere (back into its origin here) is refused.
    await expect(pipes.acquire(lease.producer, routers[1]!, routers[0]!)).rejects.toThrow(/pipes start at its origin router/);
    expect(pipes.size).toBe(1);
    lease.release();
    expect(pipes.size).toBe(0);
  });

  it('hands the producer itself to a consumer on its own router, without a pipe', async () => {
    const lease = await pipes.acquire(producer, routers[0]!, routers[0]!);
    expect(lease.producer).toBe(producer);
    expect(pipes.size).toBe(0);
    lease.release();
    expect(producer.closed).toBe(false);
  });

  it('shares one pipe among uses that ask at the same time', async () => {
    const leases = await Promise.all([1, 2, 3].map(() => pipes.acquire(producer, routers[0]!, routers[1]!)));
    expect(new Set(leases.map((lease) => lease.producer)).size).toBe(1);
    expect(await consumersOf(routers[0]!)).toBe(1);
    for (const lease of leases) lease.release();
    expect(pipes.size).toBe(0);
  });
});
