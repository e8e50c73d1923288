import type { Moderation } from '../core/meeting/Moderation';
import { useStore } from '../hooks/useStore';

/**
 * For hosts and co-hosts: someone they removed tried to come back from the same browser and was
 * kept out. The server only recognises that browser, so locking is offered to keep out everyone new.
 */
export function ReturnAlert({ moderation }: { moderation: Moderation }) {
  const { returned } = useStore(moderation.state);
  if (!returned) return null;
  return (
    <div className="return-alert" role="alert" data-testid="return-alert">
      <p>
        {returned.removedAs}, whom you removed, tried to come back and was kept out. They could still try from another browser or device:
        lock the meeting to let nobody new in.
      </p>
      <button type="button" className="danger" onClick={() => void moderation.lock(true)}>
        Lock meeting
      </button>
      <button type="button" onClick={() => moderation.dismissReturn()}>
        Not now
      </button>
    </div>
  );
}
