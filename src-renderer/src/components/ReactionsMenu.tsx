import { useState } from 'react';
import { REACTIONS } from '../../../src-common/protocol';
import type { Reactions } from '../core/meeting/Reactions';

/** The reactions button and its row of emoji. */
export function ReactionsMenu({ reactions }: { reactions: Reactions }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="view-menu">
      {open && (
        <div className="device-popover reactions-popover" role="group" aria-label="Reactions">
          {REACTIONS.map((reaction) => (
            <button
              key={reaction}
              type="button"
              className="reaction-choice"
              aria-label={`React ${reaction}`}
              onClick={() => {
                setOpen(false);
                void reactions.send(reaction);
              }}
            >
              {reaction}
            </button>
          ))}
        </div>
      )}
      <button type="button" className="control" aria-expanded={open} aria-label="Reactions" onClick={() => setOpen((v) => !v)}>
        <span aria-hidden="true">☺</span>
      </button>
    </div>
  );
}
