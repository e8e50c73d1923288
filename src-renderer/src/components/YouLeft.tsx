interface Props {
  roomName: string;
  joining: boolean;
  onRejoin: () => void;
  onHome: () => void;
}

/** After Leave: the camera and microphone are off; rejoin the same meeting or go home. */
export function YouLeft({ roomName, joining, onRejoin, onHome }: Props) {
  return (
    <main className="home you-left" data-testid="you-left">
      <h1>You left the meeting</h1>
      <p className="muted">{roomName}</p>
      <div className="panel-actions">
        <button type="button" className="primary" disabled={joining} onClick={onRejoin}>
          {joining ? 'Rejoining…' : 'Rejoin'}
        </button>
        <button type="button" onClick={onHome}>
          Home
        </button>
      </div>
    </main>
  );
}
