import { useState, type ReactNode } from 'react';
import type { LocalMedia } from '../core/media/LocalMedia';
import { useStore } from '../hooks/useStore';
import { DevicePickers } from './DevicePickers';
import { CameraIcon, LeaveIcon, MicIcon, SettingsIcon } from './icons';

interface Props {
  localMedia: LocalMedia;
  onLeave: () => void;
  /** More controls (layout, later chat and sharing), placed before Leave. */
  children?: ReactNode;
}

/** Mic, camera, device settings and leave, at the bottom of the meeting. */
export function ControlBar({ localMedia, onLeave, children }: Props) {
  const { prefs, microphone, errors } = useStore(localMedia.state);
  const [showDevices, setShowDevices] = useState(false);
  const micOff = prefs.micMuted || !microphone;
  return (
    <div className="control-bar" role="toolbar" aria-label="Meeting controls">
      {showDevices && (
        <div className="device-popover" role="dialog" aria-label="Devices">
          <DevicePickers localMedia={localMedia} />
        </div>
      )}
      <button
        type="button"
        className={micOff ? 'control off' : 'control'}
        aria-pressed={!micOff}
        aria-label={micOff ? 'Unmute microphone' : 'Mute microphone'}
        aria-keyshortcuts="Control+D Meta+D"
        title={errors.microphone?.message ?? (micOff ? 'Unmute (Ctrl+D; hold Space to talk)' : 'Mute (Ctrl+D)')}
        disabled={!microphone}
        onClick={() => localMedia.setMicMuted(!prefs.micMuted)}
      >
        <MicIcon off={micOff} />
      </button>
      <button
        type="button"
        className={prefs.cameraOff ? 'control off' : 'control'}
        aria-pressed={!prefs.cameraOff}
        aria-label={prefs.cameraOff ? 'Turn camera on' : 'Turn camera off'}
        aria-keyshortcuts="Control+E Meta+E"
        title={errors.camera?.message ?? (prefs.cameraOff ? 'Start video (Ctrl+E)' : 'Stop video (Ctrl+E)')}
        onClick={() => void localMedia.setCameraOff(!prefs.cameraOff)}
      >
        <CameraIcon off={prefs.cameraOff} />
      </button>
      <button type="button" className="control" aria-expanded={showDevices} aria-label="Devices" onClick={() => setShowDevices((v) => !v)}>
        <SettingsIcon />
      </button>
      {children}
      <button type="button" className="control leave" aria-label="Leave meeting" onClick={onLeave}>
        <LeaveIcon />
        <span>Leave</span>
      </button>
    </div>
  );
}
