import { useSyncExternalStore } from 'react';
import type { PeerId } from '../../../src-common/ids';
import type { RoomSession } from '../core/session/RoomSession';

/** dBov -70 (the observer's threshold) .. -20 mapped onto 0..3 bars. */
function bars(volume: number | undefined): number {
  if (volume === undefined) return 0;
  return Math.max(0, Math.min(3, Math.ceil((volume + 70) / 16)));
}

/** Three bars that follow a participant's audio level as the server hears it. */
export function LevelIndicator({ session, peerId }: { session: RoomSession; peerId: PeerId }) {
  const volume = useSyncExternalStore(session.levels.subscribe, () => session.levels.get().get(peerId));
  const level = bars(volume);
  return (
    <span className="level-indicator" data-level={level} aria-hidden="true">
      {[1, 2, 3].map((i) => (
        <span key={i} className={i <= level ? 'on' : ''} />
      ))}
    </span>
  );
}
