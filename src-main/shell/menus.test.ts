import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../src-common/ipc/app';
import type { RoomId } from '../../src-common/ids';
import { appMenuTemplate, trayMenuTemplate, trayTooltip, type MenuActions } from './menus';

function actions() {
  const sent: AppCommand[] = [];
  const all: MenuActions = { send: (c) => void sent.push(c), showWindow: () => {}, quit: () => {}, showLogs: () => {} };
  return { sent, all };
}

const click = (item: { click?: unknown } | undefined): void => (item!.click as () => void)();

describe('the tray menu', () => {
  it('offers mute and leave in a meeting, and sends them to the renderer', () => {
    const { sent, all } = actions();
    const items = trayMenuTemplate({ roomId: 'standup' as RoomId, micMuted: false, micAvailable: true, sharing: false }, all);
    const mute = items.find((i) => i.label === 'Mute microphone');
    const leave = items.find((i) => i.label === 'Leave meeting');
    expect([mute?.enabled, leave?.enabled]).toEqual([true, true]);
    click(mute);
    click(leave);
    expect(sent).toEqual([{ type: 'toggle-microphone' }, { type: 'leave-meeting' }]);
  });

  it('says Unmute while muted, and disables both outside of a meeting', () => {
    const { all } = actions();
    expect(trayMenuTemplate({ roomId: 'x' as RoomId, micMuted: true, micAvailable: true, sharing: false }, all).some((i) => i.label === 'Unmute microphone')).toBe(true);
    const idle = trayMenuTemplate({ roomId: null, micMuted: false, micAvailable: true, sharing: false }, all);
    expect(idle.filter((i) => i.label === 'Mute microphone' || i.label === 'Leave meeting').map((i) => i.enabled)).toEqual([false, false]);
  });

  it('offers Stop sharing only while this window shares, and sends it to the renderer', () => {
    const { sent, all } = actions();
    const stop = (sharing: boolean) => trayMenuTemplate({ roomId: 'standup' as RoomId, micMuted: false, micAvailable: true, sharing }, all).find((i) => i.label === 'Stop sharing');
    expect(stop(false)?.enabled).toBe(false);
    expect(stop(true)?.enabled).toBe(true);
    click(stop(true));
    expect(sent).toEqual([{ type: 'stop-sharing' }]);
    expect(trayMenuTemplate({ roomId: null, micMuted: false, micAvailable: false, sharing: true }, all).find((i) => i.label === 'Stop sharing')?.enabled).toBe(false);
  });

  it('has Stop sharing in the Meeting menu too, with a shortcut', () => {
    const { sent, all } = actions();
    const meeting = appMenuTemplate({ roomId: 'standup' as RoomId, micMuted: false, micAvailable: true, sharing: true }, all, 'linux').find((m) => m.label === '&Meeting');
    const stop = (meeting!.submenu as Array<{ label?: string; enabled?: boolean; accelerator?: string; click?: unknown }>).find((i) => i.label === 'Stop sharing');
    expect([stop?.enabled, stop?.accelerator]).toEqual([true, 'CmdOrCtrl+Shift+S']);
    click(stop);
    expect(sent).toEqual([{ type: 'stop-sharing' }]);
  });

  it('shows the meeting and the mute state in its tooltip', () => {
    expect(trayTooltip({ roomId: 'standup' as RoomId, micMuted: true, micAvailable: true, sharing: false })).toBe('Parley: in “standup”, microphone muted');
    expect(trayTooltip({ roomId: null, micMuted: false, micAvailable: false, sharing: false })).toBe('Parley');
    expect(trayTooltip({ roomId: 'standup' as RoomId, micMuted: false, micAvailable: true, sharing: true })).toBe('Parley: in “standup”, sharing your screen');
  });
});
