import { useEffect, useRef } from 'react';

interface Props {
  track: MediaStreamTrack;
  /** Output device (speaker) id; the default output when undefined. */
  sinkId: string | undefined;
  /** Whose audio this is (for tests and accessibility tools). */
  peerName: string;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays one remote audio track on the chosen speaker. */
export function AudioSink({ track, sinkId, peerName }: Props) {
  const ref = useRef<SinkAudio>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    audio.play().catch((error: unknown) => console.info('audio autoplay deferred', error));
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  useEffect(() => {
    const audio = ref.current;
    if (!audio?.setSinkId || sinkId === undefined) return;
    audio.setSinkId(sinkId).catch((error: unknown) => console.warn('could not switch the speaker', error));
  }, [sinkId]);
  return <audio ref={ref} autoPlay data-peer-name={peerName} />;
}
