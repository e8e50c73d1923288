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
});
