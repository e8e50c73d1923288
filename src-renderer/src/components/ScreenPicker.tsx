import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { ScreenSource } from '../../../src-common/ipc/devices';
import type { ScreenSourcePicker, SourceTab } from '../core/media/ScreenSourcePicker';
import { useStore } from '../hooks/useStore';

const TABS: ReadonlyArray<{ tab: SourceTab; label: string }> = [
  { tab: 'screen', label: 'Screens' },
  { tab: 'window', label: 'Windows' },
];

const FOCUSABLE = 'button:not([disabled]), [tabindex="0"]';

/**
 * The desktop app's screen picker: a modal with a tab of screens and a tab of windows, live
 * thumbnails and window icons. Keyboard: arrows move between the tabs, Tab moves through the
 * sources and buttons (and stays inside the dialog), Enter or Space selects, Share (or a double-click) shares, Escape cancels.
 */
export function ScreenPicker({ picker }: { picker: ScreenSourcePicker }) {
  const { open, tab, sources, selectedId, loading, error } = useStore(picker.state);
  const dialog = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
    return () => before?.focus();
  }, [open]);

  if (!open) return null;
  const shown = sources.filter((s) => s.kind === tab);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      picker.cancel();
    } else if (event.key === 'Tab') {
      // Keep focus inside the modal.
      const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = TABS[(TABS.findIndex((t) => t.tab === tab) + 1) % TABS.length]!.tab;
    picker.setTab(next);
    dialog.current?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && picker.cancel()}>
      <div ref={dialog} className="modal screen-picker" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>Share your screen</h2>
        <div role="tablist" aria-label="What to share" className="picker-tabs">
          {TABS.map(({ tab: t, label }) => (
            <button
              key={t}
              type="button"
              role="tab"
              data-tab={t}
              id={`${id}-${t}`}
              aria-selected={t === tab}
              aria-controls={`${id}-panel`}
              tabIndex={t === tab ? 0 : -1}
              onClick={() => picker.setTab(t)}
              onKeyDown={onTabKey}
            >
              {label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`} className="picker-panel">
          {loading ? (
            <p className="muted">Looking for screens and windows…</p>
          ) : shown.length === 0 ? (
            <p className="muted">{tab === 'screen' ? 'No screen can be shared.' : 'No window can be shared.'}</p>
          ) : (
            <ul className="picker-sources" aria-label={tab === 'screen' ? 'Screens' : 'Windows'}>
              {shown.map((source) => (
                <li key={source.id}>
                  <SourceCard source={source} selected={source.id === selectedId} onSelect={() => picker.select(source.id)} onShare={() => void picker.confirm()} />
                </li>
              ))}
            </ul>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="picker-actions">
          <button type="button" onClick={() => picker.cancel()}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!selectedId} onClick={() => void picker.confirm()}>
            Share
          </button>
        </div>
      </div>
    </div>
  );
}

interface CardProps {
  source: ScreenSource;
  selected: boolean;
  onSelect: () => void;
  onShare: () => void;
}

/** One screen or window: its live thumbnail, its app's icon and its name. Double-click shares it. */
function SourceCard({ source, selected, onSelect, onShare }: CardProps) {
  return (
    <button type="button" className="picker-source" aria-pressed={selected} data-source-id={source.id} onClick={onSelect} onDoubleClick={onShare}>
      {source.thumbnailDataUrl ? <img className="picker-thumbnail" src={source.thumbnailDataUrl} alt="" /> : <span className="picker-thumbnail empty" aria-hidden="true" />}
      <span className="picker-name">
        {source.appIconDataUrl && <img className="picker-icon" src={source.appIconDataUrl} alt="" />}
        <span>{source.name}</span>
      </span>
    </button>
  );
}
