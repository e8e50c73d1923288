import { externalUrlSchema } from '../../../../src-common/ipc/app';

/** A piece of a chat message: plain text, or a link that may be opened outside the app. */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the link ("see https://x.org/a."). */
const TRAILING = /[.,;:!?'")\]}]+$/;

/**
 * Splits chat text into text and links. Only http, https and mailto links become links (the same
 * rule main applies before opening one); everything else stays text. The UI renders segments as
 * text nodes and anchors, never as HTML, so a message cannot inject markup.
 */
export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    let url = match[0];
    const trailing = TRAILING.exec(url)?.[0] ?? '';
    // Keep a closing parenthesis that closes one opened inside the link (Wikipedia-style).
    let keep = 0;
    if (trailing.startsWith(')') && (url.match(/\(/g)?.length ?? 0) > 0) keep = 1;
    url = url.slice(0, url.length - trailing.length + keep);
    if (!externalUrlSchema.safeParse(url).success || /^(https?:\/\/|mailto:)$/i.test(url)) continue;
    const start = match.index;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: url, url });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}
