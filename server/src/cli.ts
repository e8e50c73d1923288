/**
 * The standalone server: `parley-server --config server.json` (the package binary,
 * bin/parley-server.mjs) or `npm run serve -- --host 0.0.0.0 --port 8443 --workers 2`.
 * Every flag has an environment variable twin (PARLEY_HOST, PARLEY_PORT, PARLEY_ANNOUNCED_ADDRESS,
 * PARLEY_WORKERS, PARLEY_RTC_PORT, PARLEY_LOG_LEVEL); flags win.
 */
import { randomBytes } from 'node:crypto';
import { parseCli, usage } from './cliArgs';
import { ConfigError } from './configFile';
import type { ServerConfig } from './config';
import { createServer } from './createServer';

async function main(): Promise<void> {
  let config: Partial<ServerConfig> | 'help';
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) console.error(`parley-server: ${error.code}: ${error.message}`);
    else console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(usage);
    return;
  }
  const server = await createServer(config);
  const port = new URL(server.url).port;
  const room = `meet-${randomBytes(4).toString('hex')}`;
  console.log(`\nParley server ready (${server.config.workers} worker(s)).`);
  console.log(`  Join link on this machine:  http://localhost:${port}/r/${room}`);
  if (!/^http:\/\/(127\.|localhost|\[::1\])/.test(server.url)) {
    console.log(`  From other machines:        ${server.url}/r/${room}`);
    console.log('  (browsers allow camera and microphone only on https:// or localhost pages: from other');
    console.log('  machines, put the server behind TLS; LAN hosting with a pinned certificate is in the app.)');
  }
  console.log('Any /r/<name> path is a meeting; share the link. Ctrl+C stops the server.');
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
