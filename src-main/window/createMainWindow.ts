import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../log/Logger';
import { readJsonFile, writeJsonFileAtomic } from '../storage/jsonFile';
import { APP_ORIGIN } from './security';
import { secureWebPreferences } from './webPreferences';
import { MIN_SIZE, placeWindow, type WindowState } from './windowState';

export interface MainWindowOptions {
  /** The bundled preload script (dist/main/preload.cjs). */
  preload: string;
  /** Where the window's size and place are remembered. */
  stateFile: string;
  icon: string;
  /** Developer tools only in development builds. */
  devTools: boolean;
  logger: Logger;
}

/** The main window: isolated, sandboxed, no Node in the page, at its remembered place. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = placeWindow(readJsonFile(options.stateFile, options.logger), screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow({
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Parley',
    icon: options.icon,
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences({ preload: options.preload, devTools: options.devTools }),
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const save = (): void => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeJsonFileAtomic(options.stateFile, state);
    } catch (error) {
      options.logger.warn('window state | not saved', error);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });

  void window.loadURL(`${APP_ORIGIN}/`).catch((error: unknown) => options.logger.error('loadURL() | the app page did not load', error));
  return window;
}
