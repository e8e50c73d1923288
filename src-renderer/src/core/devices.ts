/** Device enumeration and capture, with errors classified once (STYLE.md, habit 7). */

export type DeviceErrorKind = 'permission-denied' | 'not-found' | 'in-use' | 'other';

export class DeviceError extends Error {
  override readonly name = 'DeviceError';

  constructor(
    readonly kind: DeviceErrorKind,
    readonly device: 'camera' | 'microphone',
    message: string,
  ) {
    super(message);
  }
}

export function classifyCaptureError(error: unknown, device: 'camera' | 'microphone'): DeviceError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new DeviceError('permission-denied', device, `Parley is not allowed to use your ${device}.`);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new DeviceError('not-found', device, `No ${device} was found.`);
    case 'NotReadableError':
    case 'AbortError':
      return new DeviceError('in-use', device, `Your ${device} is in use by another application.`);
    default:
      return new DeviceError('other', device, `Your ${device} could not be started (${name || String(error)}).`);
  }
}

export interface DeviceLists {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
}

export async function listDevices(): Promise<DeviceLists> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
    microphones: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
    speakers: all.filter((d) => d.kind === 'audiooutput' && d.deviceId),
  };
}

/** Camera capture at the top simulcast layer's size; the browser scales down for lower layers. */
export async function captureCamera(deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        width: { ideal: 1280 },
        height: { ideal: 720 },
        frameRate: { ideal: 30 },
      },
    });
    return stream.getVideoTracks()[0]!;
  } catch (error) {
    throw classifyCaptureError(error, 'camera');
  }
}

export async function captureMicrophone(deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    });
    return stream.getAudioTracks()[0]!;
  } catch (error) {
    throw classifyCaptureError(error, 'microphone');
  }
}
