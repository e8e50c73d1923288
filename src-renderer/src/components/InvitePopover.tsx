import { displayFingerprint } from '../../../src-common/invite';
import type { MeetingDetails } from '../core/app/meetingDetails';
import { useQrCode } from '../hooks/useQrCode';
import { CopyButton } from './CopyButton';

/** The meeting details: how others join (link, code, QR and certificate fingerprint for LAN meetings). */
export function InvitePopover({ details }: { details: MeetingDetails }) {
  const qr = useQrCode(details.lan ? details.link : null);
  return (
    <div className="invite-popover">
      <h2>Invite people</h2>
      <div className="invite-row">
        <span className="invite-label">Link</span>
        <code className="invite-link" data-testid="invite-link">{details.link}</code>
        <CopyButton text={details.link} what="link" />
      </div>
      <div className="invite-row">
        <span className="invite-label">{details.codeLabel}</span>
        <code data-testid="invite-code">{details.code}</code>
        <CopyButton text={details.code} what="code" />
      </div>
      {details.appLink && (
        <div className="invite-row">
          <span className="invite-label">App link</span>
          <code className="invite-link">{details.appLink}</code>
          <CopyButton text={details.appLink} what="app link" />
        </div>
      )}
      {qr && <img className="invite-qr" src={qr} alt="QR code of the join link" width={160} height={160} />}
      {details.fingerprint && (
        <p className="fingerprint">
          Browsers warn about the host’s certificate once: it must show this SHA-256 fingerprint <code>{displayFingerprint(details.fingerprint)}</code>
        </p>
      )}
    </div>
  );
}
