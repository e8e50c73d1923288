import { Bonjour, type Browser, type Service, type ServiceConfig } from 'bonjour-service';
import { EventEmitter } from 'node:events';
import { DISCOVERY_SERVICE_TYPE, discoveryTxtSchema, type CertFingerprint, type InviteCode } from '../../../src-common/invite';
import { MAX_NEARBY_MEETINGS } from '../../../src-common/ipc/events';

/** A meeting someone hosts on this network, as mDNS/DNS-SD (`_parley._tcp`) told us. */
export interface DiscoveredMeeting {
  /** The DNS-SD instance name (unique on the network: it carries the code). */
  id: string;
  name: string;
  code: InviteCode;
  fingerprint: CertFingerprint;
  /** `https://<address>:<port>` */
  server: string;
  version: string;
}

export interface AdvertisedMeeting {
  name: string;
  code: InviteCode;
  fingerprint: CertFingerprint;
  port: number;
  version: string;
  /** The mDNS host name (`<host>.local`) the A records answer for. */
  host: string;
}

/** Options handed to multicast-dns (the interface to use, for tests in network namespaces). */
export interface MdnsOptions {
  interface?: string;
}

/** bonjour-service passes its first argument to multicast-dns as is, but types it as a service config. */
function mdnsSocket(options: MdnsOptions): Partial<ServiceConfig> {
  return options as Partial<ServiceConfig>;
}

/**
 * Announces one meeting until `stop()`. Instance names carry the code, so two meetings on one
 * machine (or network) never collide and need no probing.
 */
export function advertiseMeeting(meeting: AdvertisedMeeting, mdns: MdnsOptions = {}): { stop: () => Promise<void> } {
  const bonjour = new Bonjour(mdnsSocket(mdns), (error: Error) => console.warn(`mDNS: ${error.message}`));
  bonjour.publish({
    name: `Parley ${meeting.code}`,
    type: DISCOVERY_SERVICE_TYPE,
    protocol: 'tcp',
    port: meeting.port,
    host: meeting.host,
    probe: false,
    disableIPv6: true,
    txt: { name: meeting.name, fp: meeting.fingerprint, code: meeting.code, v: meeting.version },
  });
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      // Goodbye packets first, so browsers drop the meeting at once rather than when its TTL runs out.
      stopped ??= new Promise<void>((resolve) => bonjour.unpublishAll(() => bonjour.destroy(() => resolve())));
      return stopped;
    },
  };
}

/** What a browser found, or null when the record is not a usable Parley meeting (checked, never trusted). */
export function toDiscoveredMeeting(service: Pick<Service, 'name' | 'port' | 'txt' | 'addresses' | 'referer'>): DiscoveredMeeting | null {
  const txt = discoveryTxtSchema.safeParse(service.txt ?? {});
  if (!txt.success || !Number.isInteger(service.port) || service.port < 1 || service.port > 65535) return null;
  const v4 = (service.addresses ?? []).filter((a) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a));
  // The address the answer came from is reachable from here; otherwise any IPv4 it lists.
  const referer = service.referer?.address;
  const address = referer && v4.includes(referer) ? referer : v4[0];
  if (!address) return null;
  return {
    id: service.name,
    name: txt.data.name,
    code: txt.data.code,
    fingerprint: txt.data.fp,
    server: `https://${address}:${service.port}`,
    version: txt.data.v,
  };
}

interface BrowserEvents {
  /** The list changed (a meeting appeared, changed or went away). */
  changed: [meetings: DiscoveredMeeting[]];
}

/**
 * Applies one announcement (`meeting` null: it no longer describes a Parley meeting) to the list;
 * true when the list changed. At most MAX_NEARBY_MEETINGS are listed (the renderer takes no more):
 * announcements are unauthenticated, so a flood of them is dropped rather than grow the list, or
 * the app's memory, without end; the meetings already listed stay.
 */
export function noteAnnouncement(found: Map<string, DiscoveredMeeting>, serviceName: string, meeting: DiscoveredMeeting | null, max = MAX_NEARBY_MEETINGS): boolean {
  if (!meeting) return found.delete(serviceName);
  if (!found.has(meeting.id) && found.size >= max) return false;
  found.set(meeting.id, meeting);
  return true;
}

/** A live list of the meetings on this network. */
export class MeetingBrowser extends EventEmitter<BrowserEvents> {
  private readonly bonjour: Bonjour;
  private readonly browser: Browser;
  private readonly found = new Map<string, DiscoveredMeeting>();
  private closed = false;

  constructor(mdns: MdnsOptions = {}) {
    super();
    this.bonjour = new Bonjour(mdnsSocket(mdns), (error: Error) => console.warn(`mDNS: ${error.message}`));
    this.browser = this.bonjour.find({ type: DISCOVERY_SERVICE_TYPE, protocol: 'tcp' });
    const update = (service: Service): void => {
      if (noteAnnouncement(this.found, service.name, toDiscoveredMeeting(service))) this.emit('changed', this.list());
    };
    this.browser.on('up', update);
    this.browser.on('txt-update', update);
    this.browser.on('srv-update', update);
    this.browser.on('down', (service) => {
      if (this.found.delete(service.name)) this.emit('changed', this.list());
    });
  }

  list(): DiscoveredMeeting[] {
    return [...this.found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Asks the network again (a freshly joined network, a manual refresh). */
  refresh(): void {
    this.browser.update();
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.browser.stop();
    this.removeAllListeners();
    return new Promise((resolve) => this.bonjour.destroy(() => resolve()));
  }
}
