import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `text` as a data URL (null while it is drawn, or when `text` is null). */
export function useQrCode(text: string | null, width = 192): string | null {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (text === null) return undefined;
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width }).then(
      (url) => live && setQr(url),
      (error: unknown) => console.warn('the QR code could not be drawn', error),
    );
    return () => {
      live = false;
    };
  }, [text, width]);
  return text === null ? null : qr;
}
