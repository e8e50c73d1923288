import { useState, type FormEvent } from 'react';

const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function randomRoom(): string {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return `meet-${words[0]!.toString(36)}${words[1]!.toString(36)}`.slice(0, 20);
}

/** Start or join a meeting by name. */
export function Home({ onOpen }: { onOpen: (roomId: string) => void }) {
  const [room, setRoom] = useState('');
  const valid = ROOM_PATTERN.test(room);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid) onOpen(room);
  };
  return (
    <main className="home">
      <h1>Parley</h1>
      <p>Meetings on your own server, or on nothing but the machines in the room.</p>
      <form onSubmit={submit} className="home-form">
        <label className="field">
          <span>Meeting name</span>
          <input value={room} onChange={(e) => setRoom(e.target.value.trim())} placeholder="e.g. standup" maxLength={64} />
        </label>
        {room && !valid && <p className="warning">Use letters, digits, “-” or “_”.</p>}
        <button type="submit" className="primary" disabled={!valid}>Continue</button>
        <button type="button" onClick={() => onOpen(randomRoom())}>New meeting</button>
      </form>
    </main>
  );
}
