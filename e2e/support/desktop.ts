import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppCommand, MeetingStateInput } from '../../src-common/ipc/app';
import type { Services } from '../../src-common/ipc/bridge';
import type { HostService } from '../../src-common/ipc/host';
import { AppMainService, type AppShell } from '../../src-main/app/AppMainService';
import { desktopCapabilities } from '../../src-main/app/capabilities';
import { DevicesMainService } from '../../src-main/devices/DevicesMainService';
import { createDisplayMediaHandler, type DisplayMediaAnswer } from '../../src-main/devices/displayMediaHandler';
import { withScreenPicker, type ScreenPickerMode } from '../../src-main/devices/screenPickerMode';
import type { HistoryMainService } from '../../src-main/history/HistoryMainService';
import { openHistoryService } from '../../src-main/history/openHistoryService';
import { createIpcDispatcher } from '../../src-main/ipc/dispatcher';
import { createEventPublisher, type AppEventPublisher } from '../../src-main/ipc/eventPublisher';
import { scopedLogger, type Logger } from '../../src-main/log/Logger';
import { tempDir } from '../../src-main/testing/tempDir';
import { watchDropped } from './dropped';
import { FakeCapturer } from './fakeCapturer';
import { HarnessUpdater } from './updaterHarness';
import { recordPeerConnections } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The init script: bridgeInit.ts bundled for the page. */
export async function bundleBridgeInit(): Promise<string> {
  const result = await build({ entryPoints: [path.join(here, 'bridgeInit.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'warning' });
  return result.outputFiles[0]!.text;
}

/**
 * The desktop app without Electron: the real main-process services (history in a temporary
 * database, device preferences in a temporary file, the app service over a recording shell)
 * behind the real IPC dispatcher, bound into pages with exposeBinding.
 */
export class DesktopHarness {
  /** What the shell was asked to show, in order. */
  readonly notifications: Array<{ title: string; body: string }> = [];
  readonly meetingStates: MeetingStateInput[] = [];
  /** The unread badge on the app's icon, as main was asked to set it, in order. */
  readonly badgeCounts: number[] = [];
  /** Links main was asked to open in the system browser, in order. */
  readonly openedExternally: string[] = [];
  /** Whether the pretend window has focus (notifications appear only when it has not). */
  windowFocused = false;
  /** The screens and windows main's desktopCapturer "sees" (shared by every restart of the devices service). */
  readonly capturer: FakeCapturer;
  /** Which picker main reports: its own listing ('app'), or the system's. */
  pickerMode: ScreenPickerMode = 'app';
  /** What main's display-media handler answered each getDisplayMedia() of the pages, in order. */
  readonly displayMediaAnswers: DisplayMediaAnswer[] = [];
  /** Server messages the pages' signaling clients dropped as malformed; close() fails if any. */
  readonly dropped: string[] = [];
  /** The updater's real policy and service, over an engine the spec scripts (see updaterHarness.ts). */
  readonly updater: HarnessUpdater;
  /** Main's events to every open page (as webContents.send would), checked against the contract. */
  readonly events: AppEventPublisher;
  private readonly logger: Logger;
  private readonly contexts: BrowserContext[] = [];
  private readonly pages = new Set<Page>();

  /**
   * The LAN host service main serves, when a test sets one (src-main/host/HostMainService over an
   * in-process runner); without it the pages report LAN hosting as missing, as before.
   */
  host: HostService | null = null;

  /** Why the history could not be opened at the last (re)start, if it could not. */
  historyProblem: string | null = null;
  private currentHistory: HistoryMainService | null;

  private constructor(
    readonly dir: ReturnType<typeof tempDir>,
    history: HistoryMainService,
    public devices: DevicesMainService,
    private readonly initScript: string,
    private readonly trustedOrigin: string,
    capturer: FakeCapturer,
  ) {
    this.capturer = capturer;
    this.currentHistory = history;
    this.updater = new HarnessUpdater(dir.file('updates.json'));
    this.logger = scopedLogger((level, line) => {
      if (level === 'warn' || level === 'error') console.log(`[main ${level}] ${line}`);
    });
    this.events = createEventPublisher((envelope) => {
      for (const page of this.pages) {
        page
          .evaluate((e) => (window as unknown as { __parleyHarnessEvent: (e: unknown) => void }).__parleyHarnessEvent(e), envelope)
          .catch((error: unknown) => this.logger.warn(`${envelope.name} not delivered to a page (navigating or closing)`, error));
      }
    }, this.logger);
    this.updater.controller.onStatus((status) => this.events.publish('updaterStatus', status));
  }

  /** The history service main serves (throws if the last restart could not open one). */
  get history(): HistoryMainService {
    if (!this.currentHistory) throw new Error(`no history: ${this.historyProblem}`);
    return this.currentHistory;
  }

  /** Like quitting and starting the app again, after `damage` did something to the history file. */
  async restartHistory(damage: (file: string) => void = () => {}): Promise<void> {
    this.currentHistory?.close();
    damage(this.dir.file('history.sqlite'));
    const { history, problem } = await openHistoryService({ file: this.dir.file('history.sqlite'), logger: scopedLogger(() => {}) });
    this.currentHistory = history;
    this.historyProblem = problem;
  }

  static async create(initScript: string, trustedOrigin: string): Promise<DesktopHarness> {
    const dir = tempDir('parley-desktop-e2e-');
    const quiet = scopedLogger(() => {});
    const { history, problem } = await openHistoryService({ file: dir.file('history.sqlite'), logger: quiet });
    if (!history) throw new Error(problem);
    const capturer = new FakeCapturer();
    const devices = await DesktopHarness.createDevices(dir.file('devices.json'), capturer);
    return new DesktopHarness(dir, history, devices, initScript, trustedOrigin, capturer);
  }

  private static createDevices(file: string, capturer: FakeCapturer): Promise<DevicesMainService> {
    return DevicesMainService.create({ file, logger: scopedLogger(() => {}), capturer });
  }

  /** Like quitting and starting the app again: the device service re-reads its file. */
  async restartDevices(): Promise<void> {
    this.devices = await DesktopHarness.createDevices(this.dir.file('devices.json'), this.capturer);
  }

  /** Opens a page of the "desktop app" (a new browser context with the bridge bound). */
  async open(browser: Browser, url: string, name = 'desktop'): Promise<Page> {
    const shell: AppShell = {
      isWindowFocused: () => this.windowFocused,
      showNotification: (title, body) => void this.notifications.push({ title, body }),
      openExternal: async (url) => void this.openedExternally.push(url),
      meetingStateChanged: (state) => {
        this.meetingStates.push(state);
        this.updater.controller.setInMeeting(state.roomId !== null);
      },
      setBadgeCount: (count) => void this.badgeCounts.push(count),
    };
    const capabilities = withScreenPicker(desktopCapabilities(this.historyProblem), this.pickerMode);
    if (!this.host) capabilities.available = capabilities.available.filter((c) => c !== 'lanHosting');
    const app = new AppMainService(capabilities, shell, this.logger);
    // Getters, so restarted services are the ones that answer.
    const services = Object.defineProperties({ app, updater: this.updater.service } as Partial<Services>, {
      devices: { get: () => this.devices, enumerable: true },
      history: { get: () => this.currentHistory ?? undefined, enumerable: true },
      host: { get: () => this.host ?? undefined, enumerable: true },
    });
    const dispatcher = createIpcDispatcher({
      services,
      unavailable: { history: this.historyProblem ?? '' },
      isTrustedSender: (sender) => sender.url.startsWith(`${this.trustedOrigin}/`),
      logger: this.logger,
    });
    const isOurContent = (url: string): boolean => url === this.trustedOrigin || url.startsWith(`${this.trustedOrigin}/`);
    // Electron's session.setDisplayMediaRequestHandler, played by main's real handler: the page's
    // getDisplayMedia() asks it first (bridgeInit.ts), and captures only when it answers a source.
    const displayMedia = createDisplayMediaHandler({
      mode: this.pickerMode,
      isOurContent,
      devices: { takeChosenScreenSource: () => this.devices.takeChosenScreenSource() },
      capturer: this.capturer,
      systemAudio: false,
      logger: this.logger,
    });
    const context = await browser.newContext();
    this.contexts.push(context);
    await context.exposeBinding('__parleyInvoke', (source, channel: unknown, input: unknown) => dispatcher.dispatch(channel, [input], { url: source.frame.url() }));
    await context.exposeBinding('__parleyDisplayMedia', (source, audioRequested: unknown) => {
      const url = source.frame.url();
      return new Promise<DisplayMediaAnswer>((resolve) =>
        displayMedia({ securityOrigin: new URL(url).origin, frame: { url }, audioRequested: audioRequested === true }, (answer) => {
          this.displayMediaAnswers.push(answer);
          resolve(answer);
        }),
      );
    });
    await context.addInitScript({ content: this.initScript });
    const page = await context.newPage();
    await page.addInitScript(recordPeerConnections);
    page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
    watchDropped(page, name, this.dropped);
    this.track(page);
    await page.goto(url);
    return page;
  }

  /** Opens another page in the same browser context as `page` (same profile, same device ids), closing `page`. */
  async reopen(page: Page, url: string): Promise<Page> {
    const next = await page.context().newPage();
    this.track(next);
    await page.close();
    await next.goto(url);
    return next;
  }

  /** Pages main's events go to, while they are open (a pop-out shares its opener's bridge). */
  private track(page: Page): void {
    this.pages.add(page);
    page.on('close', () => this.pages.delete(page));
  }

  /** A tray or menu command, as main would send it. */
  async command(page: Page, command: AppCommand): Promise<void> {
    await page.evaluate((c) => (window as unknown as { __parleyHarnessCommand: (c: unknown) => void }).__parleyHarnessCommand(c), command);
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    this.updater.controller.close();
    this.currentHistory?.close();
    this.dir.remove();
    if (this.dropped.length > 0) throw new Error(`the client dropped server messages as malformed:\n${this.dropped.join('\n')}`);
  }
}
