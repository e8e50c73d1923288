import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { EmptyInput } from '../../src-common/ipc/contract';
import type { DiscoveredMeetingInfo, HostedMeeting, HostService, HostStatus, PinInput, StartHostingInput } from '../../src-common/ipc/host';
import type { LanHostInfo } from '../../server/src/embed';
import type { AppEventPublisher } from '../ipc/eventPublisher';
import type { Logger } from '../log/Logger';
import type { CertificatePins } from './certificatePins';
import type { HostRunner } from './HostRunner';

export interface HostMainServiceOptions {
  runner: HostRunner;
  /** Where the certificate is kept (the app's data folder). */
  dataDir: string;
  pins: CertificatePins;
  /** The meetings on this network now (mDNS browsing, started when first asked). */
  nearby: () => DiscoveredMeetingInfo[];
  logger: Logger;
  /** Told whenever hosting starts or ends (the updater never restarts the app while it hosts). */
  onHostingChanged?: (hosting: boolean) => void;
  /** Where the renderer hears of changes (`hostStatus`, `nearbyMeetings`) instead of asking again. */
  events?: AppEventPublisher;
}

/**
 * LAN hosting for the renderer: one hosted meeting at a time, run by a {@link HostRunner}; the
 * hosted meeting's own certificate is pinned for its address, so the app's window connects to it
 * like to any pinned LAN host. If the host process dies, the status says so until the next start.
 */
export class HostMainService implements HostService {
  private meeting: HostedMeeting | null = null;
  private failure: string | null = null;
  private starting: Promise<HostedMeeting> | null = null;

  constructor(private readonly options: HostMainServiceOptions) {
    options.runner.onUnexpectedExit((reason) => {
      if (!this.meeting) return;
      options.logger.error(`host process ended by itself: ${reason}`);
      this.meeting = null;
      this.failure = `The meeting host stopped unexpectedly (${reason}). Start hosting again to continue.`;
      options.onHostingChanged?.(false);
      this.statusChanged();
    });
  }

  async start(input: StartHostingInput): Promise<HostedMeeting> {
    if (this.starting) throw new ParleyError(ErrorCode.BadRequest, 'a meeting is already being started');
    if (this.meeting) throw new ParleyError(ErrorCode.BadRequest, 'this app already hosts a meeting; stop it first');
    this.starting = this.run(input);
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  async stop(_input: EmptyInput): Promise<void> {
    const was = this.meeting !== null;
    this.meeting = null;
    await this.options.runner.stop();
    if (was) {
      this.options.onHostingChanged?.(false);
      this.statusChanged();
    }
    this.options.logger.info('stop() | no longer hosting');
  }

  async status(_input: EmptyInput): Promise<HostStatus> {
    return { meeting: this.meeting, failure: this.failure };
  }

  async listNearby(_input: EmptyInput): Promise<DiscoveredMeetingInfo[]> {
    return this.options.nearby();
  }

  /** The meetings on this network changed (mDNS browsing said so): the renderer gets the new list. */
  nearbyChanged(): void {
    this.options.events?.publish('nearbyMeetings', this.options.nearby());
  }

  private statusChanged(): void {
    this.options.events?.publish('hostStatus', { meeting: this.meeting, failure: this.failure });
  }

  async pinCertificate({ server, fingerprint }: PinInput): Promise<void> {
    this.options.pins.pin(server, fingerprint);
    this.options.logger.info(`pinCertificate() | ${server}`);
  }

  private async run(input: StartHostingInput): Promise<HostedMeeting> {
    this.failure = null;
    let info: LanHostInfo;
    try {
      info = await this.options.runner.start({ dataDir: this.options.dataDir, ...input });
    } catch (error) {
      this.options.logger.error('start() | hosting failed', error);
      throw new ParleyError(ErrorCode.Unavailable, `Hosting could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.options.pins.pin(info.server, info.fingerprint);
    this.meeting = {
      roomId: info.roomId,
      code: info.code,
      meetingName: info.meetingName,
      server: info.server,
      link: info.link,
      deepLink: info.deepLink,
      fingerprint: info.fingerprint,
      hostToken: info.hostToken,
      startupMs: info.startupMs,
    };
    this.options.logger.info(`start() | hosting ${info.code} at ${info.server} (${info.startupMs} ms)`);
    this.options.onHostingChanged?.(true);
    this.statusChanged();
    return this.meeting;
  }
}
