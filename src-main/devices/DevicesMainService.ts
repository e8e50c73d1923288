import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { EmptyInput } from '../../src-common/ipc/contract';
import {
  MAX_ICON_DATA_URL,
  MAX_SOURCE_NAME,
  MAX_THUMBNAIL_DATA_URL,
  parseStoredPreferences,
  screenSourceIdSchema,
  type DevicesService,
  type ListScreenSourcesInput,
  type MediaPreferences,
  type ScreenSource,
  type SelectScreenSourceInput,
} from '../../src-common/ipc/devices';
import type { Logger } from '../log/Logger';
import { readJsonFile, writeJsonFileAtomic } from '../storage/jsonFile';

/** The part of Electron's NativeImage a source's pictures need. */
export interface CapturedImage {
  isEmpty(): boolean;
  toDataURL(): string;
}

/** The part of Electron's desktopCapturer this service needs (a fake in tests). */
export interface ScreenCapturer {
  getSources(options: {
    types: Array<'screen' | 'window'>;
    thumbnailSize: { width: number; height: number };
    fetchWindowIcons?: boolean;
  }): Promise<Array<{ id: string; name: string; thumbnail: CapturedImage; appIcon?: CapturedImage | null }>>;
}

/** A picture as a data URL within its cap; '' when there is none or it is too large to send. */
function pictureUrl(image: CapturedImage | null | undefined, max: number): string {
  if (!image || image.isEmpty()) return '';
  const url = image.toDataURL();
  return url.length <= max ? url : '';
}

export interface DevicesMainServiceOptions {
  /** The JSON file the preferences live in. */
  file: string;
  capturer: ScreenCapturer;
  logger: Logger;
  now?: () => number;
}

/** A source picked in the app's own picker is used by a getDisplayMedia() within this time, or not at all. */
export const SCREEN_CHOICE_TTL_MS = 15_000;

/**
 * Device preferences (kept in a JSON file, restored field by field with defaults for whatever is
 * missing or damaged) and the screens and windows that can be shared.
 */
export class DevicesMainService implements DevicesService {
  private chosenSource: { id: string; at: number } | null = null;

  private constructor(
    private readonly options: DevicesMainServiceOptions,
    private prefs: MediaPreferences,
    private readonly now: () => number,
  ) {}

  static async create(options: DevicesMainServiceOptions): Promise<DevicesMainService> {
    const prefs = parseStoredPreferences(readJsonFile(options.file, options.logger));
    return new DevicesMainService(options, prefs, options.now ?? Date.now);
  }

  async getPreferences(_input: EmptyInput): Promise<MediaPreferences> {
    return { ...this.prefs };
  }

  async setPreferences(input: MediaPreferences): Promise<void> {
    this.prefs = { ...input };
    try {
      writeJsonFileAtomic(this.options.file, this.prefs);
    } catch (error) {
      this.options.logger.error('setPreferences() | could not save', error);
      throw new ParleyError(ErrorCode.Internal, 'your device choices could not be saved');
    }
  }

  async listScreenSources({ kinds, thumbnailWidth }: ListScreenSourcesInput): Promise<ScreenSource[]> {
    const width = thumbnailWidth ?? 320;
    const types = kinds ?? ['screen', 'window'];
    const sources = await this.options.capturer.getSources({
      types,
      thumbnailSize: { width, height: Math.round((width * 9) / 16) },
      fetchWindowIcons: types.includes('window'),
    });
    return sources
      .filter((s) => screenSourceIdSchema.safeParse(s.id).success)
      .map((s) => {
        const kind = s.id.startsWith('screen:') ? 'screen' : 'window';
        return {
          id: s.id,
          name: s.name.slice(0, MAX_SOURCE_NAME),
          kind,
          thumbnailDataUrl: width > 0 ? pictureUrl(s.thumbnail, MAX_THUMBNAIL_DATA_URL) : '',
          appIconDataUrl: kind === 'window' ? pictureUrl(s.appIcon, MAX_ICON_DATA_URL) : '',
        };
      });
  }

  async selectScreenSource({ sourceId }: SelectScreenSourceInput): Promise<void> {
    const present = await this.options.capturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } });
    if (!present.some((s) => s.id === sourceId)) throw new ParleyError(ErrorCode.NotFound, 'that screen or window is no longer there');
    this.chosenSource = { id: sourceId, at: this.now() };
  }

  /**
   * For the display-media request handler: the source picked for this capture, once. Null when
   * nothing was picked recently, and the request is then denied rather than guessed.
   */
  takeChosenScreenSource(): string | null {
    const chosen = this.chosenSource;
    this.chosenSource = null;
    if (!chosen || this.now() - chosen.at > SCREEN_CHOICE_TTL_MS) return null;
    return chosen.id;
  }
}
