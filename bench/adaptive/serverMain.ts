/**
 * Child process of metric 6, run in the server namespace: a Parley server exactly as the CLI
 * starts it (`createServer`, one worker), with `--peers` synthetic simulcast publishers already in
 * room `--room` (see BenchPeers). Prints "bench peers ready" when the room is live; SIGTERM stops.
 * Usage: serverMain.ts --host <ip> --port <port> --rtc-port <port> --room <id> --peers <n> --rates <bps,bps,bps>
 */
import type { RoomId } from '../../src-common/ids';
import { createServer } from '../../server/src/createServer';
import { runMain, serverArgs, stopOnSignal } from '../lib/childMain';
import { BenchPeers } from './BenchPeers';

async function main(): Promise<void> {
  const { server: options, values } = serverArgs(['room', 'peers', 'rates']);
  const server = await createServer(options);
  const room = await server.rooms.getOrCreate((values.room ?? 'adaptive') as RoomId);
  const rates = (values.rates ?? '').split(',').map(Number);
  const peers = await BenchPeers.create(room, Number(values.peers ?? 9), rates);
  console.log(`bench peers ready: ${values.peers} peers in ${room.id} at ${server.url}`);
  stopOnSignal(async () => {
    peers.close();
    await server.close();
  });
}

runMain('bench peers', main);
