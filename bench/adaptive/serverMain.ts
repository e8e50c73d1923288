/**
 * Child process of metric 6, run in the server namespace: a Parley server exactly as the CLI
 * starts it (`createServer`, one worker), with `--peers` synthetic simulcast publishers already in
 * room `--room` (see BenchPeers). Prints "bench peers ready" when the room is live; SIGTERM stops.
 * Usage: serverMain.ts --host <ip> --port <port> --rtc-port <port> --room <id> --peers <n> --rates <bps,bps,bps>
 */
import { parseArgs } from 'node:util';
import type { RoomId } from '../../src-common/ids';
import { createServer } from '../../server/src/createServer';
import { BenchPeers } from './BenchPeers';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { host: { type: 'string' }, port: { type: 'string' }, 'rtc-port': { type: 'string' }, room: { type: 'string' }, peers: { type: 'string' }, rates: { type: 'string' } },
  });
  const server = await createServer({
    host: values.host ?? '127.0.0.1',
    port: Number(values.port ?? 8443),
    rtcPort: Number(values['rtc-port'] ?? 40000),
    workers: 1,
    logLevel: 'warn',
  });
  const room = await server.rooms.getOrCreate((values.room ?? 'adaptive') as RoomId);
  const rates = (values.rates ?? '').split(',').map(Number);
  const peers = await BenchPeers.create(room, Number(values.peers ?? 9), rates);
  console.log(`bench peers ready: ${values.peers} peers in ${room.id} at ${server.url}`);
  const stop = (): void => {
    peers.close();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`bench peers failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
