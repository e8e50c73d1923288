import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { CertFingerprint } from '../../../src-common/invite';

/** The LAN host's TLS identity, and the two hashes that name it. */
export interface HostCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), hex: what invites carry and the app pins. */
  fingerprint: CertFingerprint;
  /** base64 SHA-256 of the public key (SPKI DER): Chromium's `--ignore-certificate-errors-spki-list`. */
  spkiPin: string;
  /** When the certificate stops being valid. */
  notAfter: Date;
}

export const CERT_FILE = 'lan-host-cert.pem';
export const KEY_FILE = 'lan-host-key.pem';

export function certFingerprint(certPem: string): CertFingerprint {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex') as CertFingerprint;
}

export function spkiPin(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * The host's certificate from `dir`, generated the first time (ECDSA P-256, ten years, SANs for
 * `ips` and `dnsNames`) and kept there, so invites and pins stay the same from one meeting to the
 * next. A certificate that expires within a day, or files that do not parse, are replaced.
 */
export async function loadOrCreateCertificate(dir: string, names: { ips: string[]; dnsNames: string[] }): Promise<HostCertificate & { created: boolean }> {
  const certFile = path.join(dir, CERT_FILE);
  const keyFile = path.join(dir, KEY_FILE);
  try {
    const [cert, key] = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]);
    // Whatever mode the key file had (copied in, restored from a backup), it is private from now on.
    await fs.chmod(keyFile, 0o600);
    const existing = describe(cert, key);
    if (existing.notAfter.getTime() - Date.now() > 24 * 3600_000) return { ...existing, created: false };
  } catch {
    // Absent or unreadable: a new one is made below.
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: names.dnsNames[0] ?? 'parley.local' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...names.dnsNames.map((value) => ({ type: 2 as const, value })), ...names.ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  await fs.mkdir(dir, { recursive: true });
  // The key first and private; the certificate last, so a half-written pair is never read as whole.
  // writeFile's mode applies only to a new file: an existing one keeps its mode unless changed.
  await fs.writeFile(keyFile, pems.private, { mode: 0o600 });
  await fs.chmod(keyFile, 0o600);
  await fs.writeFile(certFile, pems.cert, { mode: 0o644 });
  return { ...describe(pems.cert, pems.private), created: true };
}

function describe(cert: string, key: string): HostCertificate {
  const x509 = new X509Certificate(cert);
  return { cert, key, fingerprint: certFingerprint(cert), spkiPin: spkiPin(cert), notAfter: new Date(x509.validTo) };
}
