import type { ScreenShare } from '../core/media/ScreenShare';
import type { RoomSession } from '../core/session/RoomSession';
import { GridView } from './GridView';
import { PresenterBar } from './PresenterBar';
import type { TileModel } from './tileModel';

interface Props {
  screenShare: ScreenShare;
  /** Who receives the share: everyone else in the meeting. */
  watchers: string[];
  cameras: TileModel[];
  session: RoomSession;
  speakerKey: string | null;
  page: number;
  onPage: (page: number) => void;
  onPin: (key: string) => void;
}

/**
 * The presenter's stage while only they share: never a mirror of their own screen, but who sees
 * it, the cameras (to watch the room react) and a large Stop sharing.
 */
export function PresenterStage({ screenShare, watchers, cameras, session, speakerKey, page, onPage, onPin }: Props) {
  return (
    <section className="presenter-stage" aria-label="You are presenting">
      <PresenterBar screenShare={screenShare} large />
      <p className="watchers" data-testid="watchers">
        {watchers.length === 0 ? 'Nobody else is here yet to see your screen.' : `Seen by ${watchers.length === 1 ? watchers[0] : `${watchers.length} people: ${watchers.join(', ')}`}`}
      </p>
      <GridView tiles={cameras} session={session} speakerKey={speakerKey} page={page} onPage={onPage} onPin={onPin} />
    </section>
  );
}
