import { createCipheriv, randomBytes } from 'node:crypto';
import { RTP_HEADER_BYTES } from './packets';

/**
 * SRTP protect for AEAD_AES_128_GCM (RFC 7714), the sending half only: the generator encrypts what
 * it feeds into the SFU's PlainTransport so the SFU pays the same decrypt it pays for a browser.
 * Node's crypto has AES-GCM but no SRTP framing, and no maintained npm package offers SRTP
 * protection (the WebRTC stacks on npm bundle it internally), hence these few lines.
 */

export const SRTP_SUITE = 'AEAD_AES_128_GCM';
const MASTER_KEY_BYTES = 16;
const MASTER_SALT_BYTES = 12;
export const SRTP_TAG_BYTES = 16;

/** RFC 3711 4.3.3 key derivation (AES-CM PRF, key derivation rate 0); the 96-bit salt is zero-padded to 112 bits. */
function derive(masterKey: Buffer, masterSalt: Buffer, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  masterSalt.copy(iv, 0);
  iv[7]! ^= label;
  const cipher = createCipheriv('aes-128-ctr', masterKey, iv);
  return cipher.update(Buffer.alloc(length));
}

export class SrtpSender {
  /** Master key and salt as mediasoup's `srtpParameters.keyBase64` expects them. */
  readonly keyBase64: string;
  private readonly sessionKey: Buffer;
  private readonly sessionSalt: Buffer;
  private readonly iv = Buffer.alloc(12);

  constructor(master: Buffer = randomBytes(MASTER_KEY_BYTES + MASTER_SALT_BYTES)) {
    const masterKey = master.subarray(0, MASTER_KEY_BYTES);
    const masterSalt = master.subarray(MASTER_KEY_BYTES, MASTER_KEY_BYTES + MASTER_SALT_BYTES);
    this.keyBase64 = master.toString('base64');
    this.sessionKey = derive(masterKey, masterSalt, 0x00, 16);
    this.sessionSalt = derive(masterKey, masterSalt, 0x02, MASTER_SALT_BYTES);
  }

  /**
   * Encrypts the payload of a plain RTP packet (12-byte header, no extensions) and appends the
   * tag. `rolloverCount` is the number of times this stream's sequence number has wrapped.
   */
  protect(packet: Buffer, rolloverCount: number): Buffer {
    const header = packet.subarray(0, RTP_HEADER_BYTES);
    const iv = this.iv;
    iv.fill(0);
    header.copy(iv, 2, 8, 12); // SSRC
    iv.writeUInt32BE(rolloverCount >>> 0, 6);
    header.copy(iv, 10, 2, 4); // sequence number
    for (let i = 0; i < 12; i++) iv[i]! ^= this.sessionSalt[i]!;
    const cipher = createCipheriv('aes-128-gcm', this.sessionKey, iv);
    cipher.setAAD(header);
    const body = cipher.update(packet.subarray(RTP_HEADER_BYTES));
    cipher.final();
    return Buffer.concat([header, body, cipher.getAuthTag()]);
  }
}
