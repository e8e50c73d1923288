/**
 * The standalone server: `parley-server --config server.json` (the package binary,
 * bin/parley-server.mjs) or `npm run serve -- --host 0.0.0.0 --port 8443 --workers 2`.
 * Every flag has an environment variable twin (PARLEY_HOST, PARLEY_PORT, PARLEY_ANNOUNCED_ADDRESS,
 * PARLEY_WORKERS, PARLEY_RTC_PORT, PARLEY_LOG_LEVEL); flags win.
 */
import { randomBytes } from 'node:crypto';
import { parseCli, usage } from './cliArgs';
import { ConfigError } from './configFile';
import type { ServerOptions } from './config';
import { createServer } from './createServer';
import { LanHost } from './host/LanHost';
import { lanUsage, parseLanCli, type LanCliOptions } from './host/lanCliArgs';
import { OwnerConsole, ownerConsoleHelp } from './host/OwnerConsole';
import { inviteText } from './host/printInvite';

async function main(): Promise<void> {
  let config: ServerOptions | 'help';
  let lan: LanCliOptions | null;
  try {
    lan = parseLanCli(process.argv.slice(2), process.env);
    config = parseCli(lan?.rest ?? process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) console.error(`parley-server: ${error.code}: ${error.message}`);
    else console.error(`${(error as Error).message}\n\n${usage}\n${lanUsage}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(`${usage}\n${lanUsage}`);
    return;
  }
  if (lan) {
    await hostOnLan(config, lan);
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

/** The terminal LAN host: the same hosting core as the desktop app's utility process. */
async function hostOnLan(config: ServerOptions, lan: LanCliOptions): Promise<void> {
  const { host, port, announcedAddress, rtcPort, cluster, ...server } = config;
  if (cluster) throw new Error('the LAN host runs on its own: --redis (a cluster) is for standalone servers');
  const bind = host ?? '0.0.0.0';
  const loopbackOnly = /^(127\.|::1$|localhost$)/.test(bind);
  const lanHost = await LanHost.start({
    dataDir: lan.dataDir,
    meetingName: lan.meetingName,
    hostName: 'Host',
    admission: lan.admission,
    bind,
    ...(announcedAddress ? { announcedAddress } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(rtcPort !== undefined ? { rtcPort } : {}),
    // Nobody else can reach a host bound to loopback, so there is nothing to announce.
    advertise: !loopbackOnly,
    server,
  });
  const admission =
    lan.admission.mode === 'passcode'
      ? 'anyone with the code and the passcode (announced on this network)'
      : 'anyone with the code (not announced on this network: share the invite)';
  console.log(await inviteText(lanHost.info, admission, loopbackOnly));
  console.log('This terminal owns the meeting: no guest gets host rights, whoever arrives first. Ctrl+C ends it for everyone.');
  console.log(`${ownerConsoleHelp}\n`);
  if (loopbackOnly) console.log(`(Bound to ${bind}: only this machine can join. Set PARLEY_HOST=0.0.0.0 to host for the network.)\n`);
  const stop = (): void => {
    void lanHost.close().then(() => process.exit(0));
  };
  // The terminal moderates from here (it is the owner and never joins).
  const ownerId = lanHost.server.meetings.get(lanHost.info.roomId)?.ownerId;
  if (ownerId) new OwnerConsole(lanHost, ownerId, stop).attach(process.stdin, process.stdout);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`parley-server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
