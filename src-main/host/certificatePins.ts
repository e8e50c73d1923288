import { createHash, X509Certificate } from 'node:crypto';
import type { CertFingerprint } from '../../src-common/invite';

/** Electron's setCertificateVerifyProc answers: accept, reject, or leave it to Chromium's own checks. */
export const VERIFY_ACCEPT = 0;
export const VERIFY_REJECT = -2;
export const VERIFY_DEFAULT = -3;
export type VerifyAnswer = typeof VERIFY_ACCEPT | typeof VERIFY_REJECT | typeof VERIFY_DEFAULT;

/** What Electron tells the verify proc, reduced to what the decision needs. */
export interface VerifyRequest {
  hostname: string;
  /** The certificate's PEM (`request.certificate.data`). */
  certificatePem: string;
}

/**
 * The certificates of LAN hosts the user chose (an invite, a meeting on this network, their own
 * hosted meeting): for a pinned host name exactly that certificate is accepted and any other is
 * refused, with no warning and no trust-on-first-use; every other host goes through Chromium's
 * normal verification. The pin is the SHA-256 of the certificate, as invites carry it.
 */
export class CertificatePins {
  private readonly pins = new Map<string, CertFingerprint>();

  /** Pins `fingerprint` for the host of `server` (`https://<host>:<port>`); a later pin replaces it. */
  pin(server: string, fingerprint: CertFingerprint): void {
    this.pins.set(hostOf(server), fingerprint);
  }

  decide(request: VerifyRequest): VerifyAnswer {
    const pinned = this.pins.get(request.hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    if (pinned === undefined) return VERIFY_DEFAULT;
    return fingerprintOf(request.certificatePem) === pinned ? VERIFY_ACCEPT : VERIFY_REJECT;
  }
}

/** The host part of `https://host:port`, lower case, without IPv6 brackets. */
function hostOf(server: string): string {
  const match = /^https:\/\/(\[[^\]]+\]|[^:/]+)/i.exec(server);
  if (!match) throw new RangeError(`not an https server address: ${server}`);
  return match[1]!.toLowerCase().replace(/^\[|\]$/g, '');
}

/** SHA-256 of the certificate's DER, hex; null for a PEM that does not parse (never accepted). */
function fingerprintOf(pem: string): string | null {
  try {
    return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
  } catch {
    return null;
  }
}
