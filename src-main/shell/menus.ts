import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, MeetingStateInput } from '../../src-common/ipc/app';

export interface MenuActions {
  send(command: AppCommand): void;
  showWindow(): void;
  quit(): void;
  /** Shows the folder with the rotating log files (for bug reports). */
  showLogs(): void;
}

/** The tray's menu for the current meeting state: show, mic on/off, stop sharing and leave while in a meeting, quit. */
export function trayMenuTemplate(state: MeetingStateInput, actions: MenuActions): MenuItemConstructorOptions[] {
  const inMeeting = state.roomId !== null;
  return [
    { label: inMeeting ? `In “${state.roomId}”` : 'Not in a meeting', enabled: false },
    { type: 'separator' },
    { label: 'Show Parley', click: () => actions.showWindow() },
    {
      label: state.micMuted ? 'Unmute microphone' : 'Mute microphone',
      enabled: inMeeting && state.micAvailable,
      click: () => actions.send({ type: 'toggle-microphone' }),
    },
    stopSharingItem(state, actions),
    { label: 'Leave meeting', enabled: inMeeting, click: () => actions.send({ type: 'leave-meeting' }) },
    { type: 'separator' },
    { label: 'Quit Parley', click: () => actions.quit() },
  ];
}

/** Stop sharing, from anywhere: the window may be hidden behind what is being shared. */
function stopSharingItem(state: MeetingStateInput, actions: MenuActions): MenuItemConstructorOptions {
  return { label: 'Stop sharing', enabled: state.roomId !== null && state.sharing, click: () => actions.send({ type: 'stop-sharing' }) };
}

export function trayTooltip(state: MeetingStateInput): string {
  if (state.roomId === null) return 'Parley';
  return `Parley: in “${state.roomId}”${state.sharing ? ', sharing your screen' : ''}${state.micMuted ? ', microphone muted' : ''}`;
}

/** The application menu: standard roles plus the meeting commands. */
export function appMenuTemplate(state: MeetingStateInput, actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const inMeeting = state.roomId !== null;
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&Meeting',
      submenu: [
        { label: 'New meeting…', accelerator: 'CmdOrCtrl+N', enabled: !inMeeting, click: () => actions.send({ type: 'show-home' }) },
        { label: 'History', accelerator: 'CmdOrCtrl+H', enabled: !inMeeting, click: () => actions.send({ type: 'show-history' }) },
        { type: 'separator' },
        {
          label: state.micMuted ? 'Unmute microphone' : 'Mute microphone',
          accelerator: 'CmdOrCtrl+Shift+M',
          enabled: inMeeting && state.micAvailable,
          click: () => actions.send({ type: 'toggle-microphone' }),
        },
        { ...stopSharingItem(state, actions), accelerator: 'CmdOrCtrl+Shift+S' },
        { label: 'Leave meeting', accelerator: 'CmdOrCtrl+Shift+L', enabled: inMeeting, click: () => actions.send({ type: 'leave-meeting' }) },
        ...(mac ? [] : [{ type: 'separator' as const }, { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }]),
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Show log files', click: () => actions.showLogs() }] },
  ];
}
