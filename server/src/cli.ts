/**
 * The standalone server: `npm run serve -- --host 0.0.0.0 --port 8443 --workers 2`.
 * Every flag has an environment variable twin (PARLEY_HOST, PARLEY_PORT, PARLEY_ANNOUNCED_ADDRESS,
 * PARLEY_WORKERS, PARLEY_RTC_PORT, PARLEY_LOG_LEVEL); flags win.
 */
import { parseCli, usage } from './cliArgs';
import type { ServerConfig } from './config';
import { createServer } from './createServer';

async function main(): Promise<void> {
  let config: Partial<ServerConfig> | 'help';
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(usage);
    return;
  }
  const server = await createServer(config);
  console.log(`\nParley server ready. Open ${server.url}/r/<room-name> in a browser to join a meeting.`);
  if (!server.url.includes('127.0.0.1') && !server.url.includes('localhost')) {
    console.log('Browsers only allow camera and microphone on https:// or localhost pages; from other machines,');
    console.log('put the server behind TLS (LAN hosting with a pinned certificate comes with the desktop app).');
  }
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`parley-server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
