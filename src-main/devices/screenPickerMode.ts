import type { Capabilities } from '../../src-common/ipc/app';

/**
 * Who shows the screen picker, so there is always exactly one:
 * - `app`: Parley's own picker (thumbnails from desktopCapturer), then getDisplayMedia() gets the
 *   picked source from the display-media handler (Windows, X11, macOS before 15);
 * - `system`: macOS 15+ has its own picker, which Electron shows with `useSystemPicker`;
 * - `portal`: on Wayland, desktopCapturer goes through the PipeWire portal, whose dialog is the
 *   picker (it answers with the one source the user chose).
 */
export type ScreenPickerMode = 'app' | 'system' | 'portal';

export interface PlatformFacts {
  platform: NodeJS.Platform;
  /** process.getSystemVersion(): '15.1.0' on macOS, '10.0.22631' on Windows. */
  systemVersion: string;
  /** XDG_SESSION_TYPE: 'wayland', 'x11', or undefined. */
  sessionType: string | undefined;
}

export function screenPickerMode({ platform, systemVersion, sessionType }: PlatformFacts): ScreenPickerMode {
  if (platform === 'darwin' && Number.parseInt(systemVersion, 10) >= 15) return 'system';
  if (platform === 'linux' && sessionType?.toLowerCase() === 'wayland') return 'portal';
  return 'app';
}

const SYSTEM_PICKER_REASONS: Record<Exclude<ScreenPickerMode, 'app'>, string> = {
  system: 'macOS shows its own picker for what to share.',
  portal: 'Your desktop shows its own picker for what to share.',
};

/** The `screenSources` capability follows the mode: only the app's own picker needs the listing. */
export function withScreenPicker(capabilities: Capabilities, mode: ScreenPickerMode): Capabilities {
  const available = capabilities.available.filter((c) => c !== 'screenSources');
  const missing = capabilities.missing.filter((m) => m.capability !== 'screenSources');
  return mode === 'app'
    ? { available: [...available, 'screenSources'], missing }
    : { available, missing: [...missing, { capability: 'screenSources', reason: SYSTEM_PICKER_REASONS[mode] }] };
}
