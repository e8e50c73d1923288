import type { Page } from '@playwright/test';

/** Init script: keeps every RTCPeerConnection a page creates in `window.__pcs`. */
export function recordPeerConnections(): void {
  const w = window as unknown as { __pcs?: RTCPeerConnection[] };
  if (w.__pcs) return;
  const pcs: RTCPeerConnection[] = [];
  w.__pcs = pcs;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      pcs.push(this);
    }
  } as typeof RTCPeerConnection;
}

/** Received video: bytes and decoded frames summed over every open connection of the page. */
export function videoReceived(page: Page): Promise<{ bytes: number; frames: number }> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    let bytes = 0;
    let frames = 0;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          bytes += stat.bytesReceived ?? 0;
          frames += stat.framesDecoded ?? 0;
        }
      }
    }
    return { bytes, frames };
  });
}
