import { describe, expect, it } from 'vitest';
import { generate } from 'selfsigned';
import { createHash, X509Certificate } from 'node:crypto';
import type { CertFingerprint } from '../../src-common/invite';
import { CertificatePins, VERIFY_ACCEPT, VERIFY_DEFAULT, VERIFY_REJECT } from './certificatePins';

async function certificate(): Promise<{ pem: string; fp: CertFingerprint }> {
  const { cert } = await generate([{ name: 'commonName', value: 'parley.local' }], { keyType: 'ec', algorithm: 'sha256' });
  return { pem: cert, fp: createHash('sha256').update(new X509Certificate(cert).raw).digest('hex') as CertFingerprint };
}

describe('CertificatePins', () => {
  it('accepts exactly the pinned certificate for the pinned host, and refuses any other there', async () => {
    const [mine, other] = await Promise.all([certificate(), certificate()]);
    const pins = new CertificatePins();
    pins.pin('https://192.168.1.20:8443', mine.fp);
    expect(pins.decide({ hostname: '192.168.1.20', certificatePem: mine.pem })).toBe(VERIFY_ACCEPT);
    expect(pins.decide({ hostname: '192.168.1.20', certificatePem: other.pem })).toBe(VERIFY_REJECT);
    expect(pins.decide({ hostname: '192.168.1.20', certificatePem: 'garbage' })).toBe(VERIFY_REJECT);
  });

  it('leaves hosts it has no pin for to the normal verification, so a pin never vouches for another host', async () => {
    const mine = await certificate();
    const pins = new CertificatePins();
    pins.pin('https://192.168.1.20:8443', mine.fp);
    expect(pins.decide({ hostname: '192.168.1.21', certificatePem: mine.pem })).toBe(VERIFY_DEFAULT);
    expect(pins.decide({ hostname: 'example.com', certificatePem: mine.pem })).toBe(VERIFY_DEFAULT);
  });

  it('matches IPv6 hosts with or without brackets and host names in any case', async () => {
    const mine = await certificate();
    const pins = new CertificatePins();
    pins.pin('https://[FE80::1]:9000', mine.fp);
    pins.pin('https://Hana-Laptop.local:8443', mine.fp);
    expect(pins.decide({ hostname: 'fe80::1', certificatePem: mine.pem })).toBe(VERIFY_ACCEPT);
    expect(pins.decide({ hostname: '[fe80::1]', certificatePem: mine.pem })).toBe(VERIFY_ACCEPT);
    expect(pins.decide({ hostname: 'hana-laptop.local', certificatePem: mine.pem })).toBe(VERIFY_ACCEPT);
  });
});
