import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CERT_FILE, peerFingerprint } from '../../server/src/embed';
import type { AppEventEnvelope } from '../../src-common/ipc/events';
import type { DiscoveredMeetingInfo } from '../../src-common/ipc/host';
import { createEventPublisher } from '../ipc/eventPublisher';
import { memoryLogger } from '../log/Logger';
import { tempDir } from '../testing/tempDir';
import { CertificatePins, VERIFY_ACCEPT } from './certificatePins';
import { HostMainService } from './HostMainService';
import type { HostRunner } from './HostRunner';
import { InProcessHostRunner } from './InProcessHostRunner';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function service(runner: HostRunner): { host: HostMainService; pins: CertificatePins; dir: ReturnType<typeof tempDir>; changes: boolean[] } {
  const dir = tempDir('parley-host-service-');
  cleanups.push(() => dir.remove());
  const pins = new CertificatePins();
  const changes: boolean[] = [];
  const host = new HostMainService({ runner, dataDir: dir.path, pins, nearby: () => [], logger: memoryLogger(), onHostingChanged: (now) => void changes.push(now) });
  cleanups.push(() => host.stop({}));
  return { host, pins, dir, changes };
}

const loopback = (): InProcessHostRunner =>
  new InProcessHostRunner({ bind: '127.0.0.1', port: 0, rtcPort: 0, advertise: false, server: { workers: 1, logLevel: 'warn' } });

describe('HostMainService', () => {
  it('hosts one meeting, pins its own certificate for its address, and stops listening when stopped', async () => {
    const { host, pins, dir, changes } = service(loopback());
    const meeting = await host.start({ meetingName: 'Standup', hostName: 'Hana' });
    expect(meeting.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(meeting.link).toBe(`${meeting.server}/j/${meeting.code}#fp=${meeting.fingerprint}`);
    expect(await host.status({})).toEqual({ meeting, failure: null });
    const pem = fs.readFileSync(dir.file(CERT_FILE), 'utf8');
    expect(pins.decide({ hostname: '127.0.0.1', certificatePem: pem })).toBe(VERIFY_ACCEPT);
    const port = Number(new URL(meeting.server).port);
    expect(await peerFingerprint('127.0.0.1', port)).toBe(meeting.fingerprint);

    await expect(host.start({ meetingName: 'Another', hostName: 'Hana' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await host.stop({});
    expect(await host.status({})).toEqual({ meeting: null, failure: null });
    // The updater hears of both (it never restarts the app while it hosts), and of nothing twice.
    await host.stop({});
    expect(changes).toEqual([true, false]);
    await expect(peerFingerprint('127.0.0.1', port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reports a host that could not start as UNAVAILABLE with the reason', async () => {
    const failing: HostRunner = { start: () => Promise.reject(new Error('no address to listen on')), stop: async () => {}, onUnexpectedExit: () => {} };
    const { host } = service(failing);
    await expect(host.start({ meetingName: 'Standup', hostName: 'Hana' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: /no address to listen on/ });
  });

  it('says so when the host process dies, and hosts again when asked', async () => {
    let exit: (reason: string) => void = () => {};
    const real = loopback();
    const crashing: HostRunner = { start: (o) => real.start(o), stop: () => real.stop(), onUnexpectedExit: (listener) => void (exit = listener) };
    const { host, changes } = service(crashing);
    await host.start({ meetingName: 'Standup', hostName: 'Hana' });
    await real.stop();
    exit('exit code 9');
    expect(changes).toEqual([true, false]);
    const status = await host.status({});
    expect(status.meeting).toBeNull();
    expect(status.failure).toMatch(/stopped unexpectedly \(exit code 9\)/);
    const again = await host.start({ meetingName: 'Standup', hostName: 'Hana' });
    expect(await peerFingerprint('127.0.0.1', Number(new URL(again.server).port))).toBe(again.fingerprint);
    expect((await host.status({})).failure).toBeNull();
  });

  it('tells the renderer of every hosting change and of the nearby meetings, as events that pass the contract', async () => {
    const dir = tempDir('parley-host-events-');
    cleanups.push(() => dir.remove());
    const sent: AppEventEnvelope[] = [];
    let exit: (reason: string) => void = () => {};
    const real = loopback();
    const runner: HostRunner = { start: (o) => real.start(o), stop: () => real.stop(), onUnexpectedExit: (listener) => void (exit = listener) };
    let nearby: DiscoveredMeetingInfo[] = [];
    const events = createEventPublisher((envelope) => void sent.push(envelope), memoryLogger());
    const host = new HostMainService({ runner, dataDir: dir.path, pins: new CertificatePins(), nearby: () => nearby, logger: memoryLogger(), events });
    cleanups.push(() => host.stop({}));

    const meeting = await host.start({ meetingName: 'Standup', hostName: 'Hana' });
    await host.stop({});
    await host.start({ meetingName: 'Standup', hostName: 'Hana' });
    await real.stop();
    exit('exit code 9');
    expect(sent.map((e) => e.name)).toEqual(['hostStatus', 'hostStatus', 'hostStatus', 'hostStatus']);
    expect(sent[0]!.payload).toEqual({ meeting, failure: null });
    expect(sent[1]!.payload).toEqual({ meeting: null, failure: null });
    expect(sent[3]!.payload).toMatchObject({ meeting: null, failure: expect.stringMatching(/stopped unexpectedly/) });

    nearby = [{ id: 'Parley 4F7-Q2K', name: 'Design review', code: meeting.code, fingerprint: meeting.fingerprint, server: meeting.server, version: '1' }];
    host.nearbyChanged();
    expect(sent.at(-1)).toEqual({ name: 'nearbyMeetings', payload: nearby });
    // A list main should never send (a plain-http server) is not sent at all.
    nearby = [{ ...nearby[0]!, server: 'http://192.0.2.1:80' }];
    host.nearbyChanged();
    expect(sent).toHaveLength(5);
  });
});
