/**
 * Hosting a meeting on the LAN, end to end over real TLS on loopback: the desktop app (the
 * renderer with its bridge bound to the real HostMainService, running the same LanHost the
 * utility process runs) hosts with one click; Chromium reaches the host over HTTPS only when
 * launched with the host's SPKI pin (what the app's certificate pinning does) and is refused
 * without it; the invite's join link brings a guest to the pre-join screen with the fingerprint,
 * into the lobby, and in when the host admits them, with media flowing both ways; a denied guest
 * sees so.
 */
import type { Browser, Page } from '@playwright/test';
import { displayFingerprint, normalizeFingerprint } from '../src-common/invite';
import type { DiscoveredMeetingInfo } from '../src-common/ipc/host';
import { LanHost, loadOrCreateCertificate } from '../server/src/embed';
import { CertificatePins, VERIFY_ACCEPT, VERIFY_DEFAULT } from '../src-main/host/certificatePins';
import { HostMainService } from '../src-main/host/HostMainService';
import { InProcessHostRunner } from '../src-main/host/InProcessHostRunner';
import { scopedLogger } from '../src-main/log/Logger';
import { tempDir } from '../src-main/testing/tempDir';
import { expect, test } from './support/fixtures';
import { inbound, recordPeerConnections } from './support/stats';

test.describe.configure({ mode: 'serial' });

/** The host's data folder: the certificate is made in the first test and kept for the second. */
let dataDir: ReturnType<typeof tempDir>;
let pinned: Browser | undefined;

test.beforeAll(() => {
  dataDir = tempDir('parley-lan-e2e-');
});

test.afterAll(async () => {
  await pinned?.close();
  dataDir.remove();
});

/** A guest's browser page (its own context: its own profile, like another machine). */
async function guestPage(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordPeerConnections);
  page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && console.error(`[${name}] ${message.text()}`));
  return page;
}

test('one click hosts a LAN meeting that a pinned browser joins through the lobby, with media both ways; an unpinned one is refused', async ({ playwright, launchOptions, browser, desktop, server }) => {
  // The certificate is made once and kept; the browser gets its SPKI pin, as the app pins it.
  const certificate = await loadOrCreateCertificate(dataDir.path, { ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  const withPin = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${certificate.spkiPin}`] });
  pinned = withPin;

  const host = new HostMainService({
    runner: new InProcessHostRunner({
      bind: '127.0.0.1',
      port: 0,
      rtcPort: 0,
      advertise: false,
      // The harness serves the desktop renderer from the test server, not from app://parley.
      server: { workers: 1, logLevel: 'warn', allowedOrigins: [server.url] },
    }),
    dataDir: dataDir.path,
    pins: new CertificatePins(),
    nearby: () => [],
    logger: scopedLogger(() => {}),
    events: desktop.events,
  });
  desktop.host = host;
  try {
    const hostPage = await desktop.open(withPin, `${server.url}/`, 'host');
    await hostPage.getByLabel('Your name').fill('Hana');
    // The meeting's name defaults to the host's ("Hana's meeting"); she names it.
    await expect(hostPage.getByLabel('Name for your meeting')).toHaveAttribute('placeholder', 'Hana\'s meeting');
    await hostPage.getByLabel('Name for your meeting').fill('Design review');
    const clicked = Date.now();
    await hostPage.getByRole('button', { name: 'Host on this network' }).click();
    await expect.poll(async () => (await host.status({})).meeting !== null, { message: 'the meeting to be hosted' }).toBe(true);
    const joinableMs = Date.now() - clicked;
    const meeting = (await host.status({})).meeting!;
    console.log(`LAN host: ${joinableMs} ms from the Host click to a joinable meeting (${meeting.startupMs} ms inside LanHost.start)`);
    expect(meeting.fingerprint).toBe(certificate.fingerprint);

    // The host goes through the pre-join screen and into the meeting as its host.
    await hostPage.getByLabel('Your name').fill('Hana');
    await hostPage.getByRole('button', { name: 'Join meeting' }).click();
    await hostPage.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
    const invite = hostPage.getByRole('region', { name: 'Invite' });
    await expect(invite.getByLabel('Meeting code')).toHaveText(meeting.code);
    await expect(invite.getByLabel('Meeting name')).toHaveText('Design review');
    await expect(hostPage.getByRole('heading', { level: 1, name: 'Design review' })).toBeVisible();
    const link = await invite.getByLabel('Join link').inputValue();
    expect(link).toBe(meeting.link);
    expect(normalizeFingerprint(link.split('#fp=')[1]!)).toBe(certificate.fingerprint);

    // Without the pin, Chromium refuses the host's certificate.
    const unpinned = await (await browser.newContext()).newPage();
    await expect(unpinned.goto(link)).rejects.toThrow(/net::ERR_CERT_AUTHORITY_INVALID/);
    await unpinned.context().close();

    // With it, the join link opens the pre-join screen of that meeting over HTTPS.
    const gus = await guestPage(withPin, 'Gus');
    await gus.goto(link);
    expect(await gus.evaluate(() => window.isSecureContext && location.protocol)).toBe('https:');
    // Named after the meeting (looked up by its code), the code under the name.
    await expect(gus.getByRole('heading', { level: 1 })).toHaveText('Join “Design review”');
    await expect(gus.getByText(`Meeting code ${meeting.code}`)).toBeVisible();
    await expect(gus.getByLabel('Certificate fingerprint').locator('code')).toHaveText(displayFingerprint(certificate.fingerprint));
    await gus.getByLabel('Your name').fill('Gus');
    await gus.getByRole('button', { name: 'Join meeting' }).click();
    await expect(gus.getByRole('heading', { name: 'Waiting for the host to let you in' })).toBeVisible();
    await expect(gus.getByText('“Design review”: the host sees that you')).toBeVisible();

    // The host sees the name and admits; the guest is in, and video flows both ways.
    const lobby = hostPage.getByRole('region', { name: 'Lobby' });
    const knock = lobby.getByRole('listitem', { name: 'Gus is waiting' });
    await knock.getByRole('button', { name: 'Admit' }).click();
    await gus.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
    await expect(gus.getByRole('heading', { level: 1, name: 'Design review' })).toBeVisible();
    await expect.poll(async () => (await inbound(gus, 'Hana', 'video')).framesDecoded, { message: 'Gus decodes Hana\'s video', timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(async () => (await inbound(hostPage, 'Gus', 'video')).framesDecoded, { message: 'Hana decodes Gus\'s video', timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(async () => (await inbound(hostPage, 'Gus', 'audio')).bytesReceived, { message: 'Hana hears Gus', timeout: 30_000 }).toBeGreaterThan(1000);
    await expect(lobby.getByText('Nobody is waiting.')).toBeVisible();

    // A guest the host denies is told so.
    const mallory = await guestPage(withPin, 'Mallory');
    await mallory.goto(link);
    await mallory.getByLabel('Your name').fill('Mallory');
    await mallory.getByRole('button', { name: 'Join meeting' }).click();
    await expect(mallory.getByRole('heading', { name: 'Waiting for the host to let you in' })).toBeVisible();
    await lobby.getByRole('listitem', { name: 'Mallory is waiting' }).getByRole('button', { name: 'Deny' }).click();
    await expect(mallory.getByRole('heading', { name: 'You were not let in' })).toBeVisible();
    await expect(mallory.getByRole('alert')).toHaveText('The host did not let you in.');

    // Opening the room with a passcode: a wrong one is refused like an unknown code, the right one admits at once.
    await lobby.getByRole('textbox', { name: 'Passcode', exact: true }).fill('tulip-42');
    await lobby.getByLabel('Anyone with the code and the passcode').click(); // not check(): the radio turns only when the server confirms
    // Checked once the server confirms (admissionChanged), not merely clicked.
    await expect(lobby.getByLabel('Anyone with the code and the passcode')).toBeChecked();
    const pat = await guestPage(withPin, 'Pat');
    await pat.goto(link);
    await pat.getByLabel('Your name').fill('Pat');
    await pat.getByLabel('Passcode (if the host set one)').fill('tulip-41');
    await pat.getByRole('button', { name: 'Join meeting' }).click();
    await expect(pat.getByRole('alert')).toHaveText('No meeting has that code, or the passcode is wrong.');
    await pat.getByRole('button', { name: 'Back' }).click();
    await pat.getByLabel('Passcode (if the host set one)').fill('tulip-42');
    await pat.getByRole('button', { name: 'Join meeting' }).click();
    await pat.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
    await expect.poll(async () => (await inbound(pat, 'Hana', 'video')).framesDecoded, { message: 'Pat decodes Hana\'s video', timeout: 30_000 }).toBeGreaterThan(10);

    // Stopping the hosted meeting stops the server.
    await hostPage.getByRole('button', { name: 'Stop hosting' }).click();
    await expect.poll(async () => (await host.status({})).meeting).toBeNull();
    await expect(hostPage.getByRole('button', { name: 'Host on this network' })).toBeVisible();
    const after = await guestPage(withPin, 'Late');
    await expect(after.goto(link)).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
  } finally {
    await host.stop({});
  }
});

test('meetings on this network appear on the home screen; picking one pins its certificate and opens its pre-join screen', async ({ playwright, launchOptions, desktop, server }) => {
  const certificate = await loadOrCreateCertificate(dataDir.path, { ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  const withPin = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${certificate.spkiPin}`] });
  // Another machine's meeting, as mDNS would list it (discovery itself: server/src/host/discovery.test.ts).
  const other = await LanHost.start({ dataDir: dataDir.path, meetingName: 'Design review', hostName: 'Omar', bind: '127.0.0.1', port: 0, rtcPort: 0, advertise: false, server: { workers: 1, logLevel: 'warn' } });
  const pins = new CertificatePins();
  let nearby: DiscoveredMeetingInfo[] = [];
  const host = new HostMainService({ runner: new InProcessHostRunner(), dataDir: dataDir.path, pins, nearby: () => nearby, logger: scopedLogger(() => {}), events: desktop.events });
  desktop.host = host;
  try {
    const page = await desktop.open(withPin, `${server.url}/`, 'desktop');
    await expect(page.getByText('None found yet.', { exact: false })).toBeVisible();
    nearby = [{ id: `Parley ${other.info.code}`, name: 'Design review', code: other.info.code, fingerprint: other.info.fingerprint, server: other.info.server, version: '1' }];
    // As mDNS browsing tells main, and main tells the page (nearbyMeetings): the page does not poll.
    host.nearbyChanged();
    const listed = page.getByRole('list', { name: 'Meetings on this network' }).getByRole('listitem');
    await expect(listed).toContainText('Design review');
    expect(pins.decide({ hostname: '127.0.0.1', certificatePem: certificate.cert })).toBe(VERIFY_DEFAULT);
    await listed.getByRole('button', { name: 'Join' }).click();
    // Titled by the code here: the harness's page (another origin than app://parley) may not open
    // the other host's socket, so its name lookup is refused (the app's own origin is allowed).
    await expect(page.getByRole('heading', { name: `Join meeting ${other.info.code}` })).toBeVisible();
    await expect(page.getByLabel('Certificate fingerprint').locator('code')).toHaveText(displayFingerprint(other.info.fingerprint));
    expect(pins.decide({ hostname: '127.0.0.1', certificatePem: certificate.cert })).toBe(VERIFY_ACCEPT);
  } finally {
    await other.close();
    await withPin.close();
  }
});
