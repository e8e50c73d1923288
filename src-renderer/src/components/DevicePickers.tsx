import type { LocalMedia } from '../core/media/LocalMedia';
import { useStore } from '../hooks/useStore';

interface PickerProps {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
}

function Picker({ label, devices, value, onChange }: PickerProps) {
  const selected = devices.some((d) => d.deviceId === value) ? value : devices[0]?.deviceId;
  return (
    <label className="picker">
      <span>{label}</span>
      <select aria-label={label} value={selected ?? ''} onChange={(event) => onChange(event.target.value)} disabled={devices.length === 0}>
        {devices.length === 0 && <option value="">None found</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Camera, microphone and speaker choices; changes apply at once, also in a meeting. */
export function DevicePickers({ localMedia }: { localMedia: LocalMedia }) {
  const { devices, prefs } = useStore(localMedia.state);
  return (
    <div className="pickers">
      <Picker label="Camera" devices={devices.cameras} value={prefs.cameraId} onChange={(id) => void localMedia.selectCamera(id)} />
      <Picker label="Microphone" devices={devices.microphones} value={prefs.microphoneId} onChange={(id) => void localMedia.selectMicrophone(id)} />
      {devices.speakers.length > 0 && (
        <Picker label="Speaker" devices={devices.speakers} value={prefs.speakerId} onChange={(id) => localMedia.selectSpeaker(id)} />
      )}
    </div>
  );
}
