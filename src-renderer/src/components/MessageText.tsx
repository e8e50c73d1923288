import type { MouseEvent } from 'react';
import { linkify } from '../core/meeting/linkify';

interface Props {
  text: string;
  /** In the desktop app: opens the link in the system's browser (through the bridge). */
  openExternal: ((url: string) => void) | null;
}

/**
 * A chat message's text with its links clickable. Text stays text (React escapes it): a message
 * cannot inject markup. Links open outside the app: in the desktop app through main, in a browser
 * in a new tab that cannot reach back to this page.
 */
export function MessageText({ text, openExternal }: Props) {
  return (
    <>
      {linkify(text).map((segment, i) => {
        if (segment.kind === 'text') return <span key={i}>{segment.text}</span>;
        const onClick = openExternal
          ? (event: MouseEvent<HTMLAnchorElement>): void => {
              event.preventDefault();
              openExternal(segment.url);
            }
          : undefined;
        return (
          <a key={i} href={segment.url} target="_blank" rel="noopener noreferrer" onClick={onClick}>
            {segment.text}
          </a>
        );
      })}
    </>
  );
}
