/**
 * Finding 9 of the security review: with a token key that survives restarts, removals and ended
 * meetings used to be forgotten (a removed participant came back as host, an ended meeting
 * restarted). Now they are kept in the meeting record file and refused after a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { refusal } from '../testing/refusal';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const clients: TestClient[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function connect(server: TestServer): Promise<TestClient> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}

describe('a server restarted with the same token key', () => {
  it('still refuses a removed participant\'s token and an ended meeting\'s tokens, and knows the owner', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-records-'));
    const options = { tokenSecret: new Uint8Array(randomBytes(32)), meetingRecordFile: path.join(dir, 'meeting-records.json') };
    const first = await startTestServer(options);
    servers.push(first);
    const ada = await (await connect(first)).joinRoom('kept', 'Ada');
    const bob = await (await connect(first)).joinRoom('kept', 'Bob');
    const adaClient = clients[0]!;
    await adaClient.call('removeParticipant', { peerId: bob.peerId });
    const carl = await connect(first);
    const ended = await carl.joinRoom('ended', 'Carl');
    await carl.call('endMeeting', {});
    await carl.closedWithin();
    await first.close();
    expect(fs.statSync(options.meetingRecordFile).mode & 0o777).toBe(0o600);

    const second = await startTestServer(options);
    servers.push(second);
    expect(await refusal((await connect(second)).joinRoom('kept', 'Bob', bob.sessionToken), true)).toMatch(/^UNAUTHORIZED: .*removed/);
    expect(await refusal((await connect(second)).joinRoom('ended', 'Carl', ended.sessionToken), true)).toMatch(/^MEETING_ENDED/);
    // The host's token still makes her the host: the record, not the token, says so.
    const back = await (await connect(second)).joinRoom('kept', 'Ada', ada.sessionToken);
    expect(back).toMatchObject({ peerId: ada.peerId, role: 'host' });
  });
});
