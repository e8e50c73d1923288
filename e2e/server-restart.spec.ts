import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, joinRoom, test } from './support/fixtures';
import { inbound } from './support/stats';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** The standalone server as its own process (the CLI), ready once it prints its join link. */
async function startStandalone(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--rtc-port', '0', '--log-level', 'warn'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Join link')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it was ready`)));
  });
  return child;
}

test('kill -9 of the standalone server, restarted: the clients rejoin by themselves and media flows', async ({ browser }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  let server = await startStandalone(port);
  const url = `http://127.0.0.1:${port}/r/restart`;
  const alice = await joinRoom(browser, url, 'Alice', {});
  const bob = await joinRoom(browser, url, 'Bob', {});
  try {
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'video')).framesDecoded).toBeGreaterThan(0);

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await expect(alice.page.getByTestId('reconnecting')).toBeVisible();
    const restartedAt = performance.now();
    server = await startStandalone(port);

    for (const [page, from] of [[alice.page, 'Bob'], [bob.page, 'Alice']] as const) {
      await expect
        .poll(async () => (await inbound(page, from, 'video')).framesDecoded, { timeout: 30_000, message: `video from ${from} after the restart` })
        .toBeGreaterThan(0);
      await expect.poll(async () => (await inbound(page, from, 'audio')).bytesReceived, { timeout: 10_000 }).toBeGreaterThan(0);
    }
    console.log(`server restart: video both ways ${Math.round(performance.now() - restartedAt)} ms after the new server was ready`);
    await expect(alice.page.getByTestId('reconnecting')).toHaveCount(0);
  } finally {
    await alice.close();
    await bob.close();
    server.kill('SIGKILL');
  }
});

test('leaving while a rejoin is under way: the connection that joins after Leave leaves at once and publishes nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  let server = await startStandalone(port);
  const url = `http://127.0.0.1:${port}/r/leave-during-rejoin`;
  const alice = await joinRoom(browser, url, 'Alice', {});
  const bob = await joinRoom(browser, url, 'Bob', {});
  // Alice's sockets from now on pass through here: her rejoin's `join` is held until she has left.
  let releaseJoin: (() => void) | undefined;
  const sentAfterJoin: string[] = [];
  let joinHeld!: () => void;
  const held = new Promise<void>((resolve) => (joinHeld = resolve));
  try {
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'video')).framesDecoded).toBeGreaterThan(0);
    await alice.page.routeWebSocket(/\/ws/, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        const method = typeof message === 'string' ? (JSON.parse(message) as { method?: string }).method : undefined;
        if (releaseJoin) sentAfterJoin.push(method ?? 'binary');
        if (method === 'join' && !releaseJoin) {
          releaseJoin = () => upstream.send(message);
          joinHeld();
          return;
        }
        upstream.send(message);
      });
    });

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await expect(alice.page.getByTestId('reconnecting')).toBeVisible();
    server = await startStandalone(port);
    await held;
    await alice.page.getByRole('button', { name: 'Leave meeting' }).click();
    releaseJoin!();

    // The join is answered; the client, which has left, says `leave` on that socket and nothing more.
    await expect.poll(() => sentAfterJoin, { timeout: 15_000, message: 'Alice’s late connection leaves' }).toContain('leave');
    expect(sentAfterJoin.filter((method) => method === 'createWebRtcTransport' || method === 'produce')).toEqual([]);
    // Bob, back on the new server, ends up without her.
    await expect(bob.page.locator('[data-testid="tile"][data-peer-name="Alice"]')).toHaveCount(0, { timeout: 15_000 });
  } finally {
    await alice.close();
    await bob.close();
    server.kill('SIGKILL');
  }
});
