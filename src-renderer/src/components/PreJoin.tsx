import { useState, type FormEvent, type ReactNode } from 'react';
import type { LocalMedia } from '../core/media/LocalMedia';
import { useStore } from '../hooks/useStore';
import { DevicePickers } from './DevicePickers';
import { MicLevelMeter } from './MicLevelMeter';
import { VideoView } from './VideoView';

interface Props {
  roomId: string;
  localMedia: LocalMedia;
  joining: boolean;
  error: string | null;
  onJoin: (displayName: string) => void;
  /** The user is at the form (focus or pointer): the join's first steps may start. */
  onIntent?: () => void;
  /** The heading, when the meeting is not named by its room id (an invite). */
  title?: string;
  /** A line under the heading (an invite's code, when the heading names the meeting). */
  subtitle?: string;
  /** Extra fields and facts above the device pickers (an invite's passcode and fingerprint). */
  children?: ReactNode;
}

/** Name, camera preview, mic level, device pickers and start-muted toggles, then Join. */
export function PreJoin({ roomId, localMedia, joining, error, onJoin, onIntent, title, subtitle, children }: Props) {
  const { camera, microphone, prefs, errors } = useStore(localMedia.state);
  const [name, setName] = useState(prefs.displayName);
  const trimmed = name.trim();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!trimmed || joining) return;
    localMedia.setDisplayName(trimmed);
    onJoin(trimmed);
  };

  return (
    <main className="prejoin">
      <section className="prejoin-preview" aria-label="Camera preview">
        {camera ? <VideoView track={camera} mirrored label="Your camera preview" /> : <div className="tile-placeholder">Camera off</div>}
        <MicLevelMeter track={prefs.micMuted ? null : microphone} />
      </section>
      <form className="prejoin-form" onSubmit={submit} onFocus={onIntent} onPointerOver={onIntent}>
        <h1>{title ?? `Join “${roomId}”`}</h1>
        {subtitle && <p className="prejoin-subtitle">{subtitle}</p>}
        <label className="field">
          <span>Your name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoFocus placeholder="Name shown to others" />
        </label>
        {children}
        <DevicePickers localMedia={localMedia} />
        <label className="toggle">
          <input type="checkbox" checked={prefs.micMuted} onChange={(e) => localMedia.setMicMuted(e.target.checked)} />
          Join with microphone muted
        </label>
        <label className="toggle">
          <input type="checkbox" checked={prefs.cameraOff} onChange={(e) => void localMedia.setCameraOff(e.target.checked)} />
          Join with camera off
        </label>
        {[errors.camera, errors.microphone].map((e) => e && <p key={e.device} className="warning" role="status">{e.message}</p>)}
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={!trimmed || joining}>
          {joining ? 'Joining…' : 'Join meeting'}
        </button>
      </form>
    </main>
  );
}
