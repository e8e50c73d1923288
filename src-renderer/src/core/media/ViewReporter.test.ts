import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsumerId } from '../../../../src-common/ids';
import { ViewReporter, type TileView } from './ViewReporter';

const c1 = 'c1' as ConsumerId;
const c2 = 'c2' as ConsumerId;
const shown = (width: number, height: number, pinned = false): TileView => ({ visible: true, width, height, pinned });
const hidden: TileView = { visible: false, width: 320, height: 180, pinned: false };

describe('ViewReporter', () => {
  let sent: Array<{ consumerId: string; visible: boolean; width: number; height: number }>;
  let reporter: ViewReporter;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    reporter = new ViewReporter(((_method: string, data: (typeof sent)[number]) => {
      sent.push(data);
      return Promise.resolve({});
    }) as never);
  });
  afterEach(() => {
    reporter.close();
    vi.useRealTimers();
  });

  it('sends a newly visible tile quickly and a shrink lazily', () => {
    reporter.report(c1, shown(640, 360));
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([{ consumerId: c1, visible: true, width: 640, height: 368, pinned: false }]);
    reporter.report(c1, shown(320, 180));
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(sent.at(-1)).toMatchObject({ width: 320, height: 176 });
  });

  it('does not resend what did not change, including one-pixel jitter', () => {
    reporter.report(c1, shown(640, 360));
    vi.advanceTimersByTime(100);
    reporter.report(c1, shown(641, 361));
    reporter.report(c1, shown(640, 360));
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
  });

  it('keeps only the last of several quick changes, and an upgrade hurries a pending downgrade', () => {
    reporter.report(c1, shown(1280, 720));
    vi.advanceTimersByTime(100);
    reporter.report(c1, hidden);
    reporter.report(c2, shown(320, 180));
    vi.advanceTimersByTime(100);
    expect(sent.map((s) => [s.consumerId, s.visible])).toEqual([
      [c1, true],
      [c1, false],
      [c2, true],
    ]);
  });

  it('drops a hide that is undone before it is sent', () => {
    reporter.report(c1, shown(640, 360));
    vi.advanceTimersByTime(100);
    reporter.report(c1, hidden);
    vi.advanceTimersByTime(200);
    reporter.report(c1, shown(640, 360));
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
  });

  it('sends nothing after close or for a forgotten consumer', () => {
    reporter.report(c1, shown(640, 360));
    reporter.forget(c1);
    vi.advanceTimersByTime(100);
    reporter.close();
    reporter.report(c2, shown(640, 360));
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it('sends a first showing at once when the server already holds the consumer hidden', () => {
    reporter.startHiddenOnServer(c1);
    reporter.report(c1, shown(640, 360));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([{ consumerId: c1, visible: true, width: 640, height: 368, pinned: false }]);
    // Later changes are debounced as before.
    reporter.report(c1, shown(1280, 720));
    vi.advanceTimersByTime(30);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(sent).toHaveLength(2);
  });

  it('sends a guessed view at once; the tile corrects it', () => {
    reporter.startShown(c1, shown(600, 340));
    expect(sent).toEqual([{ consumerId: c1, visible: true, width: 608, height: 336, pinned: false }]);
    reporter.report(c1, shown(320, 180));
    vi.advanceTimersByTime(600);
    expect(sent.at(-1)).toMatchObject({ consumerId: c1, width: 320, height: 176 });
    // Claimed by its tile: the guess's expiry leaves it alone.
    vi.advanceTimersByTime(3000);
    expect(sent.at(-1)).toMatchObject({ consumerId: c1, visible: true });
  });

  it('hides a guessed consumer that no tile reports (it landed on another page, or in none)', () => {
    reporter.startShown(c1, shown(600, 340));
    reporter.startShown(c2, shown(600, 340));
    reporter.report(c2, shown(600, 340));
    vi.advanceTimersByTime(1900);
    expect(sent.filter((view) => !view.visible)).toEqual([]);
    vi.advanceTimersByTime(700);
    expect(sent.filter((view) => !view.visible)).toEqual([{ consumerId: c1, visible: false, width: 0, height: 0, pinned: false }]);
  });
});
