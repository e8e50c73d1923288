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

/**
 * getUserMedia for one device. A remembered device that is gone (unplugged since last time) falls
 * back to the system default instead of leaving the user without a camera or microphone.
 */
async function capture(
  device: 'camera' | 'microphone',
  deviceId: string | undefined,
  constraints: (id: string | undefined) => MediaStreamConstraints,
): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints(deviceId));
    return stream.getTracks()[0]!;
  } catch (error) {
    const classified = classifyCaptureError(error, device);
    if (deviceId && classified.kind === 'not-found') return capture(device, undefined, constraints);
    throw classified;
  }
}

/** Camera capture at the top simulcast layer's size; the browser scales down for lower layers. */
export function captureCamera(deviceId?: string): Promise<MediaStreamTrack> {
  return capture('camera', deviceId, (id) => ({
    video: {
      ...(id ? { deviceId: { exact: id } } : {}),
      width: { ideal: 1280 },
      height: { ideal: 720 },
      frameRate: { ideal: 30 },
    },
  }));
}

export function captureMicrophone(deviceId?: string): Promise<MediaStreamTrack> {
  return capture('microphone', deviceId, (id) => ({
    audio: {
      ...(id ? { deviceId: { exact: id } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
  }));
}
