import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingId } from '../../src-common/ipc/history';
import { memoryLogger } from '../log/Logger';
import { tempDir } from '../testing/tempDir';
import { HistoryMainService } from './HistoryMainService';

const writerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'crashWriter.ts');

interface Announced {
  meetingId: MeetingId;
  roomId: string;
  names: string[];
}

/**
 * Runs the writer until it has announced `atLeast` committed meetings, waits a little more so the
 * kill lands while it is writing the next ones, then SIGKILLs it. Answers what it had announced.
 */
function runAndKill(file: string, firstRoom: number, atLeast: number, extraMs: number): Promise<Announced[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, String(firstRoom)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const announced: Announced[] = [];
    let buffered = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) announced.push(JSON.parse(line) as Announced);
      if (announced.length >= atLeast && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), extraMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(killTimer);
      // Lines already in the pipe when the process died were committed too.
      if (buffered.trim()) announced.push(JSON.parse(buffered) as Announced);
      if (signal === 'SIGKILL') resolve(announced);
      else reject(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('history crash safety', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('keeps every committed meeting intact when the writing process is killed with SIGKILL mid-write, again and again', async () => {
    const file = dir.file('history.sqlite');
    const committed: Announced[] = [];
    // Three kills at different moments, each one on the database the previous one left behind.
    for (const [round, extraMs] of [7, 23, 61].entries()) {
      committed.push(...(await runAndKill(file, round * 100_000, 15, extraMs)));
    }
    expect(committed.length).toBeGreaterThanOrEqual(45);

    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const history = await HistoryMainService.create({ file, logger: memoryLogger() });
    try {
      for (const meeting of committed) {
        const details = await history.get({ meetingId: meeting.meetingId });
        expect(details.roomId).toBe(meeting.roomId);
        expect(details.endReason).toBe('left');
        expect(details.participantNames).toEqual(meeting.names);
        expect(details.participants).toHaveLength(1 + meeting.names.length);
        expect(details.participants.every((p) => p.leftAt !== null)).toBe(true);
        expect(details.chat).toHaveLength(1);
      }
      // A meeting the kill caught half-written is either absent or closed as interrupted, never
      // left looking as if it were still going on.
      const all = await history.list({ limit: 500 });
      const announcedIds = new Set(committed.map((m) => m.meetingId));
      const unannounced = all.filter((m) => !announcedIds.has(m.meetingId));
      console.log(`crash safety: ${committed.length} committed meetings checked, ${unannounced.length} caught mid-write (${unannounced.map((m) => m.endReason).join(", ")})`);
      expect(unannounced.length).toBeLessThanOrEqual(3);
      for (const m of unannounced) expect(m.endReason === 'interrupted' || m.endReason === 'left').toBe(true);
      expect(all.every((m) => m.endedAt !== null)).toBe(true);
    } finally {
      history.close();
    }
  }, 60_000);
});
