import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';

type Interfaces = NodeJS.Dict<os.NetworkInterfaceInfo[]>;

/**
 * The interface carrying the default route in a Linux `/proc/net/route` table (destination and
 * mask 00000000, lowest metric), or null when there is none or the table is unreadable.
 */
export function defaultRouteInterface(routeTable: string): string | null {
  let best: { iface: string; metric: number } | null = null;
  for (const line of routeTable.split('\n').slice(1)) {
    const [iface, destination, , , , , metric, mask] = line.trim().split(/\s+/);
    if (!iface || destination !== '00000000' || mask !== '00000000') continue;
    const m = Number(metric);
    if (!best || m < best.metric) best = { iface, metric: m };
  }
  return best?.iface ?? null;
}

/**
 * The address to announce for a LAN meeting: the IPv4 address of the interface with the default
 * route (what others on the LAN reach this machine by), else the first non-internal IPv4, else
 * loopback (a machine without a network can still host itself).
 */
export function pickLanAddress(interfaces: Interfaces, routeTable: string | null): string {
  const routed = routeTable ? defaultRouteInterface(routeTable) : null;
  const v4 = (list: os.NetworkInterfaceInfo[] | undefined): string | undefined => list?.find((a) => a.family === 'IPv4' && !a.internal)?.address;
  if (routed) {
    const address = v4(interfaces[routed]);
    if (address) return address;
  }
  for (const list of Object.values(interfaces)) {
    const address = v4(list);
    if (address) return address;
  }
  return '127.0.0.1';
}

/** This machine's LAN address now (re-read on every call, so a changed network is noticed). */
export function currentLanAddress(): string {
  let table: string | null = null;
  try {
    table = fs.readFileSync('/proc/net/route', 'utf8');
  } catch {
    // Not Linux: the first non-internal address is the best guess without a route table.
  }
  return pickLanAddress(os.networkInterfaces(), table);
}

/** Every non-internal IPv4 address, plus loopback: the certificate's IP SANs. */
export function allIpv4Addresses(interfaces: Interfaces = os.networkInterfaces()): string[] {
  const addresses = new Set(['127.0.0.1']);
  for (const list of Object.values(interfaces)) for (const a of list ?? []) if (a.family === 'IPv4') addresses.add(a.address);
  return [...addresses];
}

/** The mDNS name of this machine: `<hostname>.local`, lower case, only characters DNS allows. */
export function mdnsHostName(hostname: string = os.hostname()): string {
  const label = hostname.toLowerCase().split('.')[0]!.replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'parley';
  return `${label.slice(0, 63)}.local`;
}

/** Whether a TCP port can be bound on `host` right now (the fixed default port may be taken). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
