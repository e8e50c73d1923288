import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('links in chat messages', () => {
  it('finds http, https and mailto links and leaves the rest as text', () => {
    expect(linkify('see https://example.org/a?b=1 and mailto:ada@example.org!')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1', url: 'https://example.org/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'mailto:ada@example.org', url: 'mailto:ada@example.org' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('leaves sentence punctuation out of the link but keeps a parenthesis the link opened', () => {
    expect(linkify('(at http://x.org/notes).')).toEqual([
      { kind: 'text', text: '(at ' },
      { kind: 'link', text: 'http://x.org/notes', url: 'http://x.org/notes' },
      { kind: 'text', text: ').' },
    ]);
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ url: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'parley://join/x', 'data:text/html,<b>x</b>', 'ftp://example.org', 'https://'])(
    'never makes a link of %s',
    (text) => {
      expect(linkify(`x ${text} y`).every((s) => s.kind === 'text')).toBe(true);
    },
  );

  it('keeps markup as plain text (the UI renders it as text, never as HTML)', () => {
    const text = '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">hi</a>';
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it('gives the same text back, piece by piece', () => {
    const text = 'a https://a.org b http://b.org/c, mailto:c@d.e.';
    expect(linkify(text).map((s) => s.text).join('')).toBe(text);
  });
});
