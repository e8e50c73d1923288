import { useEffect, useRef } from 'react';

interface Props {
  track: MediaStreamTrack;
  /** Self-view is mirrored, as people expect from a mirror. */
  mirrored?: boolean;
  label: string;
  /** `contain` for shared screens (nothing cropped), `cover` for faces. */
  fit?: 'cover' | 'contain';
}

/** Renders one video track; the element is reused when the track changes (device switch). */
export function VideoView({ track, mirrored = false, label, fit = 'cover' }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    video.play().catch((error: unknown) => console.info('video autoplay deferred', error));
    return () => {
      video.srcObject = null;
    };
  }, [track]);
  const className = ['video', mirrored && 'mirrored', fit === 'contain' && 'contain'].filter(Boolean).join(' ');
  return <video ref={ref} className={className} autoPlay playsInline muted aria-label={label} />;
}
