import type { ScreenShare, ShareProfile } from '../core/media/ScreenShare';
import { useStore } from '../hooks/useStore';

/**
 * Shown to the presenter only: what is shared, how, and how to stop. A thin bar above the meeting
 * while others' shares hold the stage; the head of the presenter's own stage (large Stop) otherwise.
 */
export function PresenterBar({ screenShare, large = false }: { screenShare: ScreenShare; large?: boolean }) {
  const { video, profile, paused } = useStore(screenShare.state);
  if (!video) return null;
  return (
    <div className={large ? 'presenter-bar presenter-head' : 'presenter-bar'} role="status" aria-label="You are sharing your screen">
      <span className="presenter-dot" aria-hidden="true" />
      <strong>{paused ? 'Sharing paused' : 'You are sharing your screen'}</strong>
      <label className="presenter-profile">
        Optimize for
        <select aria-label="Optimize sharing for" value={profile} onChange={(e) => void screenShare.setProfile(e.target.value as ShareProfile)}>
          <option value="detail">Text and slides</option>
          <option value="motion">Motion and video</option>
        </select>
      </label>
      <button type="button" onClick={() => screenShare.setPaused(!paused)}>
        {paused ? 'Resume sharing' : 'Pause sharing'}
      </button>
      <button type="button" className={large ? 'danger stop-sharing-large' : 'danger'} onClick={() => screenShare.stop()}>
        Stop sharing
      </button>
    </div>
  );
}
