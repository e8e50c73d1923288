import { useEffect, useState } from 'react';
import { lookupMeetingName } from '../core/session/MeetingEntry';
import { signalingUrl } from '../core/app/route';

/**
 * The public name of the meeting behind an invite code, once the server has answered; null until
 * then and whenever it has none to give (the screen shows the code instead).
 */
export function useMeetingName(server: string, code: string): string | null {
  const [name, setName] = useState<{ key: string; name: string | null } | null>(null);
  const key = `${server} ${code}`;
  useEffect(() => {
    let current = true;
    void lookupMeetingName({ signalingUrl: signalingUrl(server), code }).then((found) => current && setName({ key: `${server} ${code}`, name: found }));
    return () => {
      current = false;
    };
  }, [server, code]);
  return name?.key === key ? name.name : null;
}
