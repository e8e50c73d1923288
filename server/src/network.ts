import os from 'node:os';

/**
 * The address to announce to clients when listening on every interface: the first non-internal
 * IPv4 address (the LAN address on a typical machine), else loopback.
 */
export function defaultAnnouncedAddress(interfaces = os.networkInterfaces()): string {
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}

/** Whether `host` is a wildcard bind address, which cannot be announced as-is. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}
