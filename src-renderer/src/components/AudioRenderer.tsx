import type { RemoteParticipant } from '../core/media/Participants';
import { AudioSink } from './AudioSink';

/** Plays everyone's audio, whatever page or layout their tile is on (or whether it is shown at all). */
export function AudioRenderer({ participants, speakerId }: { participants: RemoteParticipant[]; speakerId: string | undefined }) {
  return (
    <div hidden>
      {participants.map((p) =>
        p.tracks.microphone ? <AudioSink key={p.peerId} track={p.tracks.microphone} sinkId={speakerId} peerName={p.displayName} /> : null,
      )}
    </div>
  );
}
