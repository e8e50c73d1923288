import { describe, expect, it } from 'vitest';
import { appContract, type MeetingStateInput } from '../../src-common/ipc/app';
import type { RoomId } from '../../src-common/ids';
import { memoryLogger } from '../log/Logger';
import { AppMainService, type AppShell } from './AppMainService';

function fakeShell(focused: boolean) {
  const shown: Array<[string, string]> = [];
  const states: MeetingStateInput[] = [];
  const opened: string[] = [];
  const badges: number[] = [];
  const shell: AppShell = {
    isWindowFocused: () => focused,
    showNotification: (title, body) => void shown.push([title, body]),
    openExternal: async (url) => void opened.push(url),
    setBadgeCount: (count) => void badges.push(count),
    meetingStateChanged: (state) => void states.push(state),
  };
  return { shell, shown, states, opened, badges };
}

const capabilities = { available: ['history' as const], missing: [{ capability: 'screenSources' as const, reason: 'not yet' }] };

describe('AppMainService', () => {
  it('puts the unread chat count on the app icon and refuses a count that is not a count', async () => {
    const fake = fakeShell(true);
    const service = new AppMainService(capabilities, fake.shell, memoryLogger());
    await service.setUnreadCount({ count: 3 });
    await service.setUnreadCount({ count: 0 });
    expect(fake.badges).toEqual([3, 0]);
    for (const bad of [{ count: -1 }, { count: 1.5 }, { count: '2' }, {}]) expect(appContract.setUnreadCount.input.safeParse(bad).success).toBe(false);
  });

  it('notifies only while the window is not focused', async () => {
    const away = fakeShell(false);
    const service = new AppMainService(capabilities, away.shell, memoryLogger());
    expect(await service.notify({ kind: 'participant-joined', title: 'standup', body: 'Bob joined' })).toEqual({ shown: true });
    expect(away.shown).toEqual([['standup', 'Bob joined']]);

    const looking = fakeShell(true);
    const focused = new AppMainService(capabilities, looking.shell, memoryLogger());
    expect(await focused.notify({ kind: 'participant-joined', title: 'standup', body: 'Bob joined' })).toEqual({ shown: false });
    expect(looking.shown).toEqual([]);
  });

  it('passes the meeting state to the tray and menus, and links to the system browser', async () => {
    const fake = fakeShell(true);
    const service = new AppMainService(capabilities, fake.shell, memoryLogger());
    await service.setMeetingState({ roomId: 'standup' as RoomId, micMuted: true, micAvailable: true, sharing: false });
    await service.openExternal({ url: 'https://example.org/' });
    expect(fake.states).toEqual([{ roomId: 'standup', micMuted: true, micAvailable: true, sharing: false }]);
    expect(fake.opened).toEqual(['https://example.org/']);
    expect(await service.getCapabilities({})).toBe(capabilities);
  });
});
