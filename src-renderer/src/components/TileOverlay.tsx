import type { PeerId } from '../../../src-common/ids';
import type { InMeeting } from '../core/meeting/InMeeting';
import { useStore } from '../hooks/useStore';

/** Over a person's tile: their raised hand (with its place in the queue) and their latest reaction, briefly. */
export function TileOverlay({ meeting, peerId }: { meeting: InMeeting; peerId: PeerId }) {
  const hands = useStore(meeting.hands.state);
  const reactions = useStore(meeting.reactions.state);
  const handAt = hands.findIndex((h) => h.peerId === peerId);
  const reaction = reactions.get(peerId);
  return (
    <>
      {handAt >= 0 && (
        <span className="tile-hand" role="img" aria-label={`hand raised, number ${handAt + 1}`} data-testid="tile-hand">
          ✋ {handAt + 1}
        </span>
      )}
      {reaction && (
        <span key={reaction.key} className="tile-reaction" role="img" aria-label={`reacted ${reaction.reaction}`} data-testid="tile-reaction">
          {reaction.reaction}
        </span>
      )}
    </>
  );
}
