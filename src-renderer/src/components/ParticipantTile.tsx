import { AudioSink } from './AudioSink';
import { MicIcon } from './icons';
import { VideoView } from './VideoView';

export interface TileProps {
  displayName: string;
  video: MediaStreamTrack | undefined;
  audio: MediaStreamTrack | undefined;
  micMuted: boolean;
  isLocal: boolean;
  speakerId: string | undefined;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : name.slice(0, 2)).toUpperCase();
}

/** One person: their video (or a placeholder with initials), their name and a muted badge. */
export function ParticipantTile({ displayName, video, audio, micMuted, isLocal, speakerId }: TileProps) {
  const label = isLocal ? `${displayName} (you)` : displayName;
  return (
    <figure className="tile" data-testid="tile" data-peer-name={displayName} data-local={isLocal || undefined}>
      {video ? (
        <VideoView track={video} mirrored={isLocal} label={`Video of ${label}`} />
      ) : (
        <div className="tile-placeholder" aria-hidden="true">
          {initials(displayName)}
        </div>
      )}
      {audio && !isLocal && <AudioSink track={audio} sinkId={speakerId} />}
      <figcaption className="tile-name">
        {micMuted && (
          <span className="badge-muted" role="img" aria-label="microphone muted" title="Microphone muted">
            <MicIcon off />
          </span>
        )}
        {label}
      </figcaption>
    </figure>
  );
}
