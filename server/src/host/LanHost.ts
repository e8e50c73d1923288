import { performance } from 'node:perf_hooks';
import { deepLink, joinLink, type CertFingerprint, type Invite, type InviteCode } from '../../../src-common/invite';
import type { Admission } from '../../../src-common/protocol';
import type { RoomId } from '../../../src-common/ids';
import type { ServerConfig } from '../config';
import { createServer, type ParleyServer } from '../createServer';
import { loadOrCreateCertificate } from './certificate';
import type { MdnsOptions } from './discovery';
import { MeetingAdvert } from './MeetingAdvert';
import { allIpv4Addresses, currentLanAddress, mdnsHostName, portIsFree } from './hostNetwork';

/** The protocol version in the mDNS TXT record. */
export const PROTOCOL_VERSION = '1';

export interface LanHostOptions {
  /** Where the certificate is kept (the app's data folder; `~/.config/parley` for the terminal host). */
  dataDir: string;
  /** The meeting's name as others see it (the browse list, the invite). */
  meetingName: string;
  /** The host's own display name (in the host's token). */
  hostName: string;
  admission?: Admission | undefined;
  /** Address to listen on; every interface by default. */
  bind?: string;
  /** Address put in links and handed to clients for media; the default-route interface's by default. */
  announcedAddress?: string;
  /** Fixed default port; a free one when it is taken. */
  port?: number;
  /** First media port (one UDP+TCP port per worker); a free one when it is taken. */
  rtcPort?: number;
  /** Advertise on mDNS (on by default). */
  advertise?: boolean;
  mdns?: MdnsOptions;
  /** Server settings passed through (workers, web root, log level...). */
  server?: Partial<ServerConfig>;
}

/** Everything a host shows and hands out. */
export interface LanHostInfo {
  roomId: RoomId;
  code: InviteCode;
  meetingName: string;
  /** `https://<address>:<port>` */
  server: string;
  address: string;
  port: number;
  /** `https://<address>:<port>/j/<code>#fp=<fingerprint>` */
  link: string;
  /** `http://localhost:<port>/j/<code>`: for a browser on this machine, without a certificate warning. */
  localLink: string;
  /** `parley://join/<code>?server=...&fp=...` */
  deepLink: string;
  fingerprint: CertFingerprint;
  /** Chromium's SPKI pin of the same certificate (for `--ignore-certificate-errors-spki-list`). */
  spkiPin: string;
  /** The host's session token: join the room with it to be its host. */
  hostToken: string;
  /** The mDNS host name in the certificate. */
  mdnsHost: string;
  /** Milliseconds from `LanHost.start` being called to a meeting others can join. */
  startupMs: number;
}

export const DEFAULT_LAN_PORT = 8443;
export const DEFAULT_LAN_RTC_PORT = 40000;

/**
 * One meeting hosted on the LAN: the certificate (made once, kept in `dataDir`), an SFU over
 * HTTPS+WSS in `hosted` mode, the meeting with its code, and the mDNS advertisement. The Electron
 * utility process and the terminal host both run exactly this.
 */
export class LanHost {
  private closing: Promise<void> | undefined;

  private constructor(
    readonly info: LanHostInfo,
    readonly server: ParleyServer,
    private readonly advert: MeetingAdvert | null,
  ) {}

  static async start(options: LanHostOptions): Promise<LanHost> {
    const started = performance.now();
    const bind = options.bind ?? '0.0.0.0';
    const address = options.announcedAddress ?? (bind === '0.0.0.0' || bind === '::' ? currentLanAddress() : bind);
    const mdnsHost = mdnsHostName();
    const certificate = await loadOrCreateCertificate(options.dataDir, {
      ips: [...new Set([address, ...allIpv4Addresses()])],
      dnsNames: [mdnsHost, 'localhost'],
    });
    const wantedPort = options.port ?? DEFAULT_LAN_PORT;
    const port = wantedPort !== 0 && (await portIsFree(bind, wantedPort)) ? wantedPort : 0;
    const config: Partial<ServerConfig> = {
      ...options.server,
      host: bind,
      announcedAddress: address,
      port,
      rtcPort: options.rtcPort ?? DEFAULT_LAN_RTC_PORT,
      tls: { cert: certificate.cert, key: certificate.key },
      // The person at this machine opens http://localhost (a secure context): no certificate warning.
      plainLoopback: true,
      mode: 'hosted',
    };
    let server: ParleyServer;
    try {
      server = await createServer(config);
    } catch (error) {
      // The media port (or, in a race, the web port) was taken: any free ones will do.
      if (!/in use/i.test(String((error as Error).message))) throw error;
      server = await createServer({ ...config, port: 0, rtcPort: 0 });
    }
    try {
      const meeting = await server.meetings.host({
        name: options.meetingName,
        hostName: options.hostName,
        ...(options.admission ? { admission: options.admission } : {}),
      });
      const actualPort = Number(new URL(server.url).port);
      const invite: Invite = { server: server.url, code: meeting.code, fingerprint: certificate.fingerprint };
      const advertised = { name: options.meetingName, code: meeting.code, fingerprint: certificate.fingerprint, port: actualPort, version: PROTOCOL_VERSION, host: mdnsHost };
      const advert = options.advertise === false ? null : new MeetingAdvert(advertised, options.mdns);
      if (advert) {
        const hosted = server.meetings.get(meeting.roomId);
        if (hosted) advert.follow(hosted.admission);
        server.meetings.onAdmissionChanged((changed) => {
          if (changed.roomId === meeting.roomId) advert.follow(changed.admission);
        });
      }
      const info: LanHostInfo = {
        roomId: meeting.roomId,
        code: meeting.code,
        meetingName: meeting.name,
        server: server.url,
        address,
        port: actualPort,
        link: joinLink(invite),
        localLink: `${server.localUrl ?? `http://localhost:${actualPort}`}/j/${meeting.code}`,
        deepLink: deepLink(invite),
        fingerprint: certificate.fingerprint,
        spkiPin: certificate.spkiPin,
        hostToken: meeting.hostToken,
        mdnsHost,
        startupMs: Math.round(performance.now() - started),
      };
      return new LanHost(info, server, advert);
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** Stops advertising, ends the meeting and closes the server. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.advert?.stop();
      this.server.meetings.close();
      // Lets the close frames (4002: the host ended the meeting) leave before the sockets are cut.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await this.server.close();
    })();
    return this.closing;
  }
}
