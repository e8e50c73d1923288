import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultRouteInterface, mdnsHostName, pickLanAddress, portIsFree } from './hostNetwork';
import net from 'node:net';

const table = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
`;

const v4 = (address: string, internal = false): os.NetworkInterfaceInfo =>
  ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }) as os.NetworkInterfaceInfo;

describe('the LAN address to announce', () => {
  it('is the address of the interface with the default route of lowest metric', () => {
    expect(defaultRouteInterface(table)).toBe('eth0');
    const interfaces = { lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')], wlan0: [v4('192.168.1.7')], eth0: [v4('10.0.0.5')] };
    expect(pickLanAddress(interfaces, table)).toBe('10.0.0.5');
  });

  it('falls back to the first non-internal IPv4 without a default route, and to loopback without a network', () => {
    expect(pickLanAddress({ lo: [v4('127.0.0.1', true)], wlan0: [v4('192.168.1.7')] }, 'Iface\tDestination\n')).toBe('192.168.1.7');
    expect(pickLanAddress({ lo: [v4('127.0.0.1', true)] }, null)).toBe('127.0.0.1');
  });
});

describe('host names and ports', () => {
  it('makes a DNS-safe .local name from any host name', () => {
    expect(mdnsHostName('Hana\'s MacBook.lan')).toBe('hana-s-macbook.local');
    expect(mdnsHostName('---')).toBe('parley.local');
  });

  it('sees a taken port as taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    expect(await portIsFree('127.0.0.1', port)).toBe(false);
    await new Promise((resolve) => holder.close(resolve));
    expect(await portIsFree('127.0.0.1', port)).toBe(true);
  });
});
