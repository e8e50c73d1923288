import { useMicLevel } from '../hooks/useMicLevel';

/** A bar that moves with the microphone's input level. */
export function MicLevelMeter({ track }: { track: MediaStreamTrack | null }) {
  const level = useMicLevel(track);
  return (
    <div className="level-meter" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)}>
      <div className="level-meter-fill" style={{ width: `${Math.round(level * 100)}%` }} />
    </div>
  );
}
