import type { Session } from 'electron';
import type { Logger } from '../log/Logger';
import { isAppOrigin, permissionDecision } from '../window/security';
import type { DevicesMainService, ScreenCapturer } from './DevicesMainService';

/**
 * Camera, microphone, speaker choice and screen capture for Parley's own pages only; everything
 * else, and everyone else, is refused. Screen capture gets the source the user picked in the
 * app's own picker (devices:selectScreenSource), or nothing.
 */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler'>,
  devices: Pick<DevicesMainService, 'takeChosenScreenSource'>,
  capturer: ScreenCapturer,
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

  session.setDisplayMediaRequestHandler((request, callback) => {
    const origin = request.frame?.url ?? request.securityOrigin;
    const sourceId = isAppOrigin(request.securityOrigin) && isAppOrigin(origin) ? devices.takeChosenScreenSource() : null;
    if (!sourceId) {
      logger.warn(`display media | denied to ${origin.slice(0, 200)} (${sourceId === null ? 'no source picked' : 'not our page'})`);
      callback({});
      return;
    }
    capturer
      .getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        const source = sources.find((s) => s.id === sourceId);
        callback(source ? { video: { id: source.id, name: source.name } } : {});
      })
      .catch((error: unknown) => {
        logger.error('display media | listing sources failed', error);
        callback({});
      });
  });
}
