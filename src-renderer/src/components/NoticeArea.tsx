import type { Notices } from '../core/meeting/Notices';
import { useStore } from '../hooks/useStore';

/**
 * Meeting notices: errors and news as short-lived toasts, and every notice (including the
 * screen-reader-only ones: hands, reactions, messages while the chat is closed) in a live region.
 */
export function NoticeArea({ notices }: { notices: Notices }) {
  const list = useStore(notices.state);
  return (
    <>
      <div className="toasts">
        {list
          .filter((n) => n.kind !== 'announce')
          .map((n) => (
            <p key={n.id} className={n.kind === 'error' ? 'toast error-toast' : 'toast'} data-testid="notice" data-kind={n.kind}>
              {n.text}
              <button type="button" aria-label="Dismiss" onClick={() => notices.dismiss(n.id)}>
                ✕
              </button>
            </p>
          ))}
      </div>
      <ul className="visually-hidden" aria-live="polite" data-testid="announcements">
        {list.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
      </ul>
    </>
  );
}
