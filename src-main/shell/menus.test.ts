import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../src-common/ipc/app';
import type { RoomId } from '../../src-common/ids';
import { trayMenuTemplate, trayTooltip, type MenuActions } from './menus';

function actions() {
  const sent: AppCommand[] = [];
  const all: MenuActions = { send: (c) => void sent.push(c), showWindow: () => {}, quit: () => {}, showLogs: () => {} };
  return { sent, all };
}

const click = (item: { click?: unknown } | undefined): void => (item!.click as () => void)();

describe('the tray menu', () => {
  it('offers mute and leave in a meeting, and sends them to the renderer', () => {
    const { sent, all } = actions();
    const items = trayMenuTemplate({ roomId: 'standup' as RoomId, micMuted: false, micAvailable: true }, all);
    const mute = items.find((i) => i.label === 'Mute microphone');
    const leave = items.find((i) => i.label === 'Leave meeting');
    expect([mute?.enabled, leave?.enabled]).toEqual([true, true]);
    click(mute);
    click(leave);
    expect(sent).toEqual([{ type: 'toggle-microphone' }, { type: 'leave-meeting' }]);
  });

  it('says Unmute while muted, and disables both outside of a meeting', () => {
    const { all } = actions();
    expect(trayMenuTemplate({ roomId: 'x' as RoomId, micMuted: true, micAvailable: true }, all).some((i) => i.label === 'Unmute microphone')).toBe(true);
    const idle = trayMenuTemplate({ roomId: null, micMuted: false, micAvailable: true }, all);
    expect(idle.filter((i) => i.label === 'Mute microphone' || i.label === 'Leave meeting').map((i) => i.enabled)).toEqual([false, false]);
  });

  it('shows the meeting and the mute state in its tooltip', () => {
    expect(trayTooltip({ roomId: 'standup' as RoomId, micMuted: true, micAvailable: true })).toBe('Parley: in “standup”, microphone muted');
    expect(trayTooltip({ roomId: null, micMuted: false, micAvailable: false })).toBe('Parley');
  });
});
