import { useState, type FormEvent, type ReactNode } from 'react';
import { serverUrlSchema } from '../../../src-common/validation';
import { UpdatesSettings } from './UpdatesSettings';

const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function randomRoom(): string {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return `meet-${words[0]!.toString(36)}${words[1]!.toString(36)}`.slice(0, 20);
}

interface Props {
  /** `server` is null when the page's own server hosts the meeting. */
  onOpen: (roomId: string, server: string | null) => void;
  /** The desktop app is served by no meeting server, so it asks which one; the web page does not. */
  askServer: boolean;
  defaultServer: string;
  /** Shown where the history exists (the desktop app). */
  onShowHistory: (() => void) | null;
  /** In the desktop app, why there is no history this time (e.g. it was written by a newer Parley). */
  historyProblem: string | null;
  /** Desktop additions below the form (hosting on this network, the meetings found there). */
  children?: ReactNode;
}

/** Start or join a meeting by name. */
export function Home({ onOpen, askServer, defaultServer, onShowHistory, historyProblem, children }: Props) {
  const [room, setRoom] = useState('');
  const [server, setServer] = useState(defaultServer);
  const valid = ROOM_PATTERN.test(room);
  const parsedServer = serverUrlSchema.safeParse(server);
  const serverOk = !askServer || parsedServer.success;
  const open = (roomId: string): void => onOpen(roomId, askServer && parsedServer.success ? parsedServer.data : null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid && serverOk) open(room);
  };
  return (
    <main className="home">
      <h1>Parley</h1>
      <p>Meetings on your own server, or on nothing but the machines in the room.</p>
      <form onSubmit={submit} className="home-form">
        {askServer && (
          <label className="field">
            <span>Server</span>
            <input value={server} onChange={(e) => setServer(e.target.value.trim())} placeholder="http://192.168.1.20:8443" maxLength={300} />
          </label>
        )}
        {askServer && server && !serverOk && <p className="warning">A server address looks like http://host:port.</p>}
        <label className="field">
          <span>Meeting name</span>
          <input value={room} onChange={(e) => setRoom(e.target.value.trim())} placeholder="e.g. standup" maxLength={64} />
        </label>
        {room && !valid && <p className="warning">Use letters, digits, “-” or “_”.</p>}
        <button type="submit" className="primary" disabled={!valid || !serverOk}>Continue</button>
        <button type="button" disabled={!serverOk} onClick={() => open(randomRoom())}>New meeting</button>
        {onShowHistory && (
          <button type="button" onClick={onShowHistory}>History</button>
        )}
        {historyProblem && (
          <p className="warning" role="status">
            Meeting history is not available: {historyProblem}
          </p>
        )}
      </form>
      <UpdatesSettings />
      {children}
    </main>
  );
}
