import { createContext, useContext } from 'react';
import type { InMeeting } from '../core/meeting/InMeeting';

/** The in-meeting features of the current session, for components deep in the tile tree. */
export const InMeetingContext = createContext<InMeeting | null>(null);

/** Null outside a meeting (the pre-join preview, the share pop-out). */
export function useInMeeting(): InMeeting | null {
  return useContext(InMeetingContext);
}
