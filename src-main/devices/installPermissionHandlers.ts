import type { Session } from 'electron';
import type { Logger } from '../log/Logger';
import { isAppOrigin, permissionDecision } from '../window/security';
import type { DevicesMainService, ScreenCapturer } from './DevicesMainService';
import { createDisplayMediaHandler } from './displayMediaHandler';
import type { ScreenPickerMode } from './screenPickerMode';

/**
 * Camera, microphone, speaker choice and screen capture for Parley's own pages only; everything
 * else, and everyone else, is refused. Screen capture: see createDisplayMediaHandler; with the
 * system picker (macOS 15+) Electron shows that instead.
 */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler'>,
  devices: Pick<DevicesMainService, 'takeChosenScreenSource'>,
  capturer: ScreenCapturer,
  mode: ScreenPickerMode,
  logger: Logger,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = permissionDecision({
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
    });
    if (!granted) logger.warn(`permission request | denied ${permission} to ${details.requestingUrl.slice(0, 200)}`);
    callback(granted);
  });

  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    permissionDecision({
      permission,
      requestingUrl: requestingOrigin,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : undefined,
    }),
  );

  // USB, HID and serial devices: Parley has no use for them.
  session.setDevicePermissionHandler(() => false);

  const displayMedia = createDisplayMediaHandler({ mode, isOurContent: isAppOrigin, devices, capturer, systemAudio: process.platform === 'win32', logger });
  session.setDisplayMediaRequestHandler((request, callback) => displayMedia(request, callback), { useSystemPicker: mode === 'system' });
}
