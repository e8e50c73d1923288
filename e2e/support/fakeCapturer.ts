import zlib from 'node:zlib';
import type { CapturedImage, ScreenCapturer } from '../../src-main/devices/DevicesMainService';

/** A solid-colour PNG of `width` x `height`, as desktopCapturer's NativeImage.toDataURL() gives. */
function png(width: number, height: number, [r, g, b]: readonly [number, number, number]): string {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const file = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${file.toString('base64')}`;
}

const image = (url: string): CapturedImage => ({ isEmpty: () => url === '', toDataURL: () => url });

export interface FakeSource {
  id: string;
  name: string;
}

/**
 * The screens and windows of a pretend desktop, for main's DevicesMainService in e2e: real PNG
 * thumbnails whose colour changes with every listing (so a live refresh is visible), and an icon
 * for each window.
 */
export class FakeCapturer implements ScreenCapturer {
  sources: FakeSource[] = [
    { id: 'screen:1:0', name: 'Entire screen' },
    { id: 'window:7:0', name: 'Notes — Editor' },
    { id: 'window:9:0', name: 'Terminal' },
  ];
  /** Listings with thumbnails (the picker's), as opposed to the handler's look-ups. */
  thumbnailListings = 0;

  async getSources(options: Parameters<ScreenCapturer['getSources']>[0]) {
    const { width, height } = options.thumbnailSize;
    if (width > 0) this.thumbnailListings += 1;
    const shade = (this.thumbnailListings * 40) % 256;
    return this.sources
      .filter((s) => options.types.includes(s.id.startsWith('screen:') ? 'screen' : 'window'))
      .map((s, i) => ({
        id: s.id,
        name: s.name,
        thumbnail: image(width > 0 ? png(Math.min(width, 32), Math.min(height, 18), [shade, 80 + i * 40, 160]) : ''),
        appIcon: s.id.startsWith('window:') && options.fetchWindowIcons ? image(png(16, 16, [200, 60 * i, 40])) : null,
      }));
  }
}
