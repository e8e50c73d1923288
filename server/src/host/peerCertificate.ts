import { createHash } from 'node:crypto';
import tls from 'node:tls';

/**
 * The SHA-256 (hex) of the certificate a TLS server presents, read without trusting it: the
 * Node-side twin of the app's pin check, for tests and the terminal's self-check.
 */
export function peerFingerprint(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, rejectUnauthorized: false, servername: host.includes(':') ? '' : host }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(createHash('sha256').update(raw).digest('hex'));
    });
    socket.once('error', reject);
  });
}
