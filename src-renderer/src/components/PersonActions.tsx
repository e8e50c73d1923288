import { useEffect, useRef, useState } from 'react';
import type { PeerId } from '../../../src-common/ids';
import type { Role } from '../../../src-common/protocol';
import type { Moderation } from '../core/meeting/Moderation';

interface Props {
  moderation: Moderation;
  person: { peerId: PeerId; name: string; role: Role; micOn: boolean; cameraOn: boolean; sharing: boolean };
}

/**
 * A moderator's actions on one row: Mute stays at hand (it harms nobody: only they can unmute);
 * everything else sits in a menu, and Remove asks for a confirmation first.
 */
export function PersonActions({ moderation, person }: Props) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const { peerId, name, role } = person;
  // The host's row, seen by a co-host with nothing to stop, has no menu at all rather than an empty one.
  const hasMenu = person.cameraOn || person.sharing || role !== 'host';

  useEffect(() => {
    if (!open && !confirming) return;
    const close = (): void => {
      setOpen(false);
      setConfirming(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      close();
      // Back on the button that opened the menu (the confirmation came from its menu too).
      toggle.current?.focus();
    };
    const onPointer = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, confirming]);

  const act = (action: () => Promise<boolean>): void => {
    setOpen(false);
    void action();
  };

  return (
    <div className="person-actions" role="group" aria-label={`Moderate ${name}`} ref={root}>
      {person.micOn && (
        <button type="button" onClick={() => void moderation.mute(peerId)}>
          Mute
        </button>
      )}
      {hasMenu && (
        <button type="button" ref={toggle} aria-haspopup="menu" aria-expanded={open} aria-label={`More actions for ${name}`} onClick={() => setOpen((o) => !o)}>
          ⋯
        </button>
      )}
      {open && (
        <div className="person-menu" role="menu" aria-label={`Actions for ${name}`}>
          {person.cameraOn && (
            <button type="button" role="menuitem" onClick={() => act(() => moderation.stopMedia(peerId, 'camera'))}>
              Stop camera
            </button>
          )}
          {person.sharing && (
            <button type="button" role="menuitem" onClick={() => act(() => moderation.stopMedia(peerId, 'screen'))}>
              Stop share
            </button>
          )}
          {role !== 'host' && (
            <>
              <button type="button" role="menuitem" onClick={() => act(() => moderation.setRole(peerId, role === 'cohost' ? 'participant' : 'cohost'))}>
                {role === 'cohost' ? 'Remove co-host' : 'Make co-host'}
              </button>
              <button
                type="button"
                role="menuitem"
                className="danger"
                onClick={() => {
                  setOpen(false);
                  setConfirming(true);
                }}
              >
                Remove…
              </button>
            </>
          )}
        </div>
      )}
      {confirming && (
        <div className="person-confirm" role="alertdialog" aria-label={`Remove ${name}?`}>
          <p>Remove {name} from the meeting? They cannot come back from this browser or app. Lock the meeting to keep out everyone new.</p>
          <button type="button" className="danger" onClick={() => act(async () => { setConfirming(false); return moderation.remove(peerId); })}>
            Remove
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
