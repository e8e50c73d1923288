import { useEffect, useState } from 'react';
import type { LocalMedia } from '../core/media/LocalMedia';
import { createLevelMeter } from '../core/media/levelMeter';
import { MutedHint } from '../core/meeting/MutedHint';
import { useStore } from '../hooks/useStore';

/** "You are muted" when the user talks into a muted microphone for about half a second. */
export function MutedHintBanner({ localMedia }: { localMedia: LocalMedia }) {
  const [hint] = useState(() => new MutedHint(localMedia, { createMeter: createLevelMeter }));
  useEffect(() => {
    hint.start();
    return () => hint.close();
  }, [hint]);
  return <Banner hint={hint} localMedia={localMedia} />;
}

function Banner({ hint, localMedia }: { hint: MutedHint; localMedia: LocalMedia }) {
  const visible = useStore(hint.visible);
  if (!visible) return null;
  return (
    <p className="muted-hint" role="status" data-testid="muted-hint">
      You are muted.{' '}
      <button type="button" onClick={() => localMedia.setMicMuted(false)}>
        Unmute
      </button>
    </p>
  );
}
