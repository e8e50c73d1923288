import { useEffect, useState } from 'react';
import { createLevelMeter } from '../core/media/levelMeter';

/** The input level (0..1) of an audio track, refreshed about 15 times a second. */
export function useMicLevel(track: MediaStreamTrack | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) return undefined;
    const meter = createLevelMeter(track);
    const timer = setInterval(() => setLevel(meter.read()), 66);
    return () => {
      clearInterval(timer);
      meter.close();
    };
  }, [track]);
  return track ? level : 0;
}
