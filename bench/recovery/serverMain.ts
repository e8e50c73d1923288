/**
 * Child process of the video recovery metric, run in the server namespace: a Parley server
 * exactly as the CLI starts it (`createServer`, one worker), which on SIGUSR2 prints one line
 * `bench-state {json}` with its video self-healing counters and the pid of each live mediasoup
 * worker (the metric kills the room's worker). Prints "Parley bench server ready" when listening.
 * Usage: serverMain.ts --host <ip> --port <port> --rtc-port <port>
 */
import { createServer } from '../../server/src/createServer';
import { runMain, serverArgs, stopOnSignal } from '../lib/childMain';

async function main(): Promise<void> {
  const server = await createServer(serverArgs().server);
  process.on('SIGUSR2', () => {
    const state = { videoHealth: server.rooms.videoHealth.snapshot(), workerPids: server.workers.all().map((slot) => slot.worker.pid) };
    console.log(`bench-state ${JSON.stringify(state)}`);
  });
  console.log(`Parley bench server ready at ${server.url}`);
  stopOnSignal(() => server.close());
}

runMain('bench server', main);
