import type { DisplayMediaRequestHandlerHandlerRequest, Streams } from 'electron';
import type { Logger } from '../log/Logger';
import type { DevicesMainService, ScreenCapturer } from './DevicesMainService';
import type { ScreenPickerMode } from './screenPickerMode';

/** What Electron hands the handler, reduced to what it reads. */
export type DisplayMediaRequest = Pick<DisplayMediaRequestHandlerHandlerRequest, 'securityOrigin' | 'audioRequested'> & {
  frame: { url: string } | null;
};
/** What it answers: a source, or nothing (getDisplayMedia() then rejects with NotAllowedError). */
export type DisplayMediaAnswer = Pick<Streams, 'audio'> & { video?: { id: string; name: string } };

export interface DisplayMediaHandlerOptions {
  mode: ScreenPickerMode;
  /** Parley's own content (app:// in the app); anyone else gets nothing. */
  isOurContent(url: string): boolean;
  devices: Pick<DevicesMainService, 'takeChosenScreenSource'>;
  capturer: ScreenCapturer;
  /** Windows can add the system's sound ("loopback") to a screen share. */
  systemAudio: boolean;
  logger: Logger;
}

/**
 * Answers getDisplayMedia() from Parley's pages: with the source the user picked in the app's
 * own picker (once), or on Wayland with the one the PipeWire portal's dialog returned. No pick, a
 * cancelled portal, a closed window or another page's request all get an empty answer, which the
 * page sees as NotAllowedError: a cancel, not a failure.
 */
export function createDisplayMediaHandler(options: DisplayMediaHandlerOptions) {
  const { mode, isOurContent, devices, capturer, logger } = options;
  const deny = (callback: (answer: DisplayMediaAnswer) => void, why: string): void => {
    logger.info(`display media | nothing shared (${why})`);
    callback({});
  };
  return (request: DisplayMediaRequest, callback: (answer: DisplayMediaAnswer) => void): void => {
    const url = request.frame?.url ?? request.securityOrigin;
    if (!isOurContent(request.securityOrigin) || !isOurContent(url)) {
      logger.warn(`display media | denied to ${url.slice(0, 200)} (not our page)`);
      callback({});
      return;
    }
    // With the system picker on, Electron calls this only when that picker is unavailable.
    const picked = mode === 'portal' ? undefined : devices.takeChosenScreenSource();
    if (picked === null) return deny(callback, mode === 'system' ? 'the system picker was unavailable' : 'no source picked, or the picker was cancelled');
    capturer
      .getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        // The portal lists exactly what its dialog returned: nothing when the user cancelled it.
        const source = picked === undefined ? sources[0] : sources.find((s) => s.id === picked);
        if (!source) return deny(callback, picked === undefined ? 'the portal was cancelled' : 'the picked source is gone');
        const audio = options.systemAudio && request.audioRequested && source.id.startsWith('screen:') ? { audio: 'loopback' as const } : {};
        callback({ video: { id: source.id, name: source.name }, ...audio });
      })
      .catch((error: unknown) => {
        logger.error('display media | listing sources failed', error);
        callback({});
      });
  };
}
