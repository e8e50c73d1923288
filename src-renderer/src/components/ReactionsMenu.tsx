import { REACTIONS } from '../../../src-common/protocol';
import type { Reactions } from '../core/meeting/Reactions';

/** The row of emoji in the Reactions popover; choosing one sends it and closes the popover. */
export function ReactionsRow({ reactions, onSent }: { reactions: Reactions; onSent: () => void }) {
  return (
    <div className="reactions-row" role="group" aria-label="Choose a reaction">
      {REACTIONS.map((reaction) => (
        <button
          key={reaction}
          type="button"
          className="reaction-choice"
          aria-label={`React ${reaction}`}
          onClick={() => {
            onSent();
            void reactions.send(reaction);
          }}
        >
          {reaction}
        </button>
      ))}
    </div>
  );
}
