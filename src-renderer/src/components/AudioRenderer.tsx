import type { RemoteParticipant } from '../core/media/Participants';
import { remoteTrackRef } from '../core/media/trackRef';
import { AudioSink } from './AudioSink';

/** Plays everyone's audio, whatever page or layout their tile is on (or whether it is shown at all). */
export function AudioRenderer({ participants, speakerId }: { participants: RemoteParticipant[]; speakerId: string | undefined }) {
  return (
    <div hidden>
      {participants
        .map((p) => remoteTrackRef(p, 'microphone'))
        .map((mic) => (mic.track ? <AudioSink key={mic.key} track={mic.track} sinkId={speakerId} peerName={mic.displayName} /> : null))}
    </div>
  );
}
