import QRCode from 'qrcode';
import { displayFingerprint } from '../../../src-common/invite';
import type { LanHostInfo } from './LanHost';

/** What the terminal host prints: the code, the link, the fingerprint and a QR code of the link. */
export async function inviteText(info: LanHostInfo, admission: string, loopbackOnly = false): Promise<string> {
  const qr = await QRCode.toString(info.link, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
  return [
    '',
    `Parley is hosting "${info.meetingName}" on this network (ready in ${info.startupMs} ms).`,
    '',
    `  Open here:    ${info.localLink}   (a browser on this computer: no certificate warning)`,
    `  Code:         ${info.code}`,
    `  Join link:    ${info.link}${loopbackOnly ? '' : '   (other computers on this network)'}`,
    `  App link:     ${info.deepLink}`,
    `  Fingerprint:  ${displayFingerprint(info.fingerprint)}`,
    `  Admission:    ${admission}`,
    '',
    qr,
    'Browsers on other computers warn once about the certificate: guests compare its SHA-256 fingerprint with the one above.',
    'Ctrl+C ends the meeting.',
    '',
  ].join('\n');
}
