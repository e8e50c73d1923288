import type { Page } from '@playwright/test';

/**
 * One join of the bare baseline, in the page: a fresh RTCPeerConnection pair on this page, the
 * camera track (captured once beforehand, as Parley's pre-join screen has it running) sent from
 * one to the other over the namespace's veth address, host candidates only. Resolves with ms from
 * creating the pair to the first decoded frame, polled from getStats every 10 ms, at most 15 s.
 */
export function barePairFirstFrame(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as { __camera?: MediaStream };
    w.__camera ??= await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } });
    const camera = w.__camera;
    const t0 = performance.now();
    const sender = new RTCPeerConnection();
    const receiver = new RTCPeerConnection();
    try {
      sender.onicecandidate = (e) => void (e.candidate && receiver.addIceCandidate(e.candidate));
      receiver.onicecandidate = (e) => void (e.candidate && sender.addIceCandidate(e.candidate));
      receiver.ontrack = (e) => {
        const video = document.querySelector('video') ?? document.body.appendChild(document.createElement('video'));
        video.muted = true;
        video.autoplay = true;
        video.srcObject = new MediaStream([e.track]);
      };
      for (const track of camera.getVideoTracks()) sender.addTrack(track, camera);
      await sender.setLocalDescription(await sender.createOffer());
      await receiver.setRemoteDescription(sender.localDescription!);
      await receiver.setLocalDescription(await receiver.createAnswer());
      await sender.setRemoteDescription(receiver.localDescription!);
      for (let i = 0; i < 1500; i++) {
        const report = await receiver.getStats();
        for (const stat of report.values()) {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video' && (stat.framesDecoded ?? 0) > 0) return performance.now() - t0;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no decoded frame within 15 s');
    } finally {
      sender.close();
      receiver.close();
    }
  });
}
