/**
 * A child process for the crash-safety test: records meetings into the history as fast as it
 * can, and after each meeting's end has returned (committed) prints one JSON line describing it.
 * The test kills it with SIGKILL at an arbitrary moment and checks every printed meeting.
 *
 * Usage: node --import tsx crashWriter.ts <database file> <first room number>
 */
import type { PeerId, RoomId } from '../../../src-common/ids';
import { scopedLogger } from '../../log/Logger';
import { HistoryMainService } from '../HistoryMainService';

const [file, firstArg] = process.argv.slice(2);
if (!file) throw new Error('usage: crashWriter.ts <database file> <first room number>');

const history = await HistoryMainService.create({ file, logger: scopedLogger(() => {}) });
for (let n = Number(firstArg ?? 0); ; n++) {
  const roomId = `room-${n}` as RoomId;
  const meetingId = await history.startMeeting({ roomId, serverUrl: 'http://127.0.0.1:8443', displayName: 'Writer', selfPeerId: `self-${n}` as PeerId, role: 'guest' });
  const names = ['Alice', 'Bob', 'Carol'];
  for (const [i, displayName] of names.entries()) {
    await history.participantJoined({ meetingId, peerId: `p-${n}-${i}` as PeerId, displayName });
  }
  await history.recordChatMessage({ meetingId, senderPeerId: `p-${n}-0` as PeerId, senderName: 'Alice', text: `message ${n} ${'x'.repeat(500)}`, sentAt: Date.now(), private: false });
  await history.participantLeft({ meetingId, peerId: `p-${n}-1` as PeerId });
  await history.endMeeting({ meetingId, reason: 'left' });
  // Only now is the meeting complete and committed: announce it.
  process.stdout.write(`${JSON.stringify({ meetingId, roomId, names })}\n`);
}
