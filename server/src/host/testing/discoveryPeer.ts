/**
 * One side of the discovery test, run as its own process inside a network namespace:
 *   discoveryPeer.ts host <dataDir>   hosts a LAN meeting (the real LanHost) and prints its info
 *   discoveryPeer.ts browse           browses `_parley._tcp`, prints what it finds, and checks
 *                                     each found server's certificate against its advertised fingerprint
 * Output is one JSON object per line; SIGTERM stops it cleanly.
 */
import { LanHost } from '../LanHost';
import { MeetingBrowser, type DiscoveredMeeting } from '../discovery';
import { peerFingerprint } from '../peerCertificate';

const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

async function host(dataDir: string): Promise<() => Promise<void>> {
  const lan = await LanHost.start({
    dataDir,
    meetingName: 'Namespace standup',
    hostName: 'Hana',
    port: 0,
    rtcPort: 0,
    server: { workers: 1, logLevel: 'warn' },
  });
  print({ hosting: lan.info });
  return () => lan.close();
}

function browse(): () => Promise<void> {
  const browser = new MeetingBrowser();
  const checked = new Set<string>();
  const verify = (meeting: DiscoveredMeeting): void => {
    if (checked.has(meeting.id)) return;
    checked.add(meeting.id);
    const { hostname, port } = new URL(meeting.server);
    peerFingerprint(hostname, Number(port)).then(
      (presented) => print({ verified: { id: meeting.id, presented } }),
      (error: unknown) => print({ unreachable: { id: meeting.id, error: String(error) } }),
    );
  };
  browser.on('changed', (meetings) => {
    print({ found: meetings });
    meetings.forEach(verify);
  });
  return () => browser.close();
}

const [mode, arg] = process.argv.slice(2);
const started = mode === 'host' && arg ? host(arg) : mode === 'browse' ? Promise.resolve(browse()) : null;
if (!started) {
  console.error('usage: discoveryPeer.ts host <dataDir> | browse');
  process.exit(2);
}
started.then(
  (stop) => {
    process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
    print({ ready: mode });
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
