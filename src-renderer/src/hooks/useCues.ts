import { useEffect, useRef } from 'react';
import { Store } from '../core/base/Store';
import type { LocalMedia } from '../core/media/LocalMedia';
import { cueSoundPlayer } from '../core/meeting/cueSounds';
import { Cues } from '../core/meeting/Cues';
import type { InMeeting } from '../core/meeting/InMeeting';
import type { RoomSession } from '../core/session/RoomSession';

/** Gives the meeting its cues (tab title, join/leave notices and sounds, chat previews, knocks) while mounted. */
export function useCues(session: RoomSession, inMeeting: InMeeting, localMedia: LocalMedia, roomId: string, joinSounds: boolean): void {
  const cuesRef = useRef<Cues | null>(null);
  useEffect(() => {
    const waiting = new Store(0);
    const stopWaiting = session.lobbyEvents.on('lobbyChanged', ({ knocks }) => waiting.set(knocks.length));
    const sounds = cueSoundPlayer();
    const before = document.title;
    const cues = new Cues({
      events: session.events,
      people: () => session.state.get().participants.length + 1,
      chat: inMeeting.chat,
      notices: inMeeting.notices,
      muted: { get: () => localMedia.state.get().prefs.micMuted, subscribe: localMedia.state.subscribe },
      title: { get: () => inMeeting.meetingName.get() ?? roomId, subscribe: inMeeting.meetingName.subscribe },
      waiting,
      setTitle: (title) => void (document.title = title),
      play: sounds.play,
    });
    cuesRef.current = cues;
    return () => {
      cuesRef.current = null;
      cues.close();
      stopWaiting();
      sounds.close();
      document.title = before;
    };
  }, [session, inMeeting, localMedia, roomId]);
  // The user's choice (View options) holds across the cues' restarts.
  useEffect(() => cuesRef.current?.setSounds(joinSounds), [joinSounds, session, inMeeting, localMedia, roomId]);
}
