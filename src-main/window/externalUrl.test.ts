import { describe, expect, it, vi } from 'vitest';
import { guardedOpenExternal, isSafeExternalUrl } from './externalUrl';

describe('links opened outside the app (checklist 15)', () => {
  it.each([
    ['https://github.com/parley', true],
    ['http://192.0.2.1:8443/r/standup', true],
    ['mailto:team@example.org', true],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['javascript:alert(1)', false],
    ['vscode://file/etc/passwd', false],
    ['https://user:secret@example.org/', false],
    ['https://trusted.example@evil.example/', false],
    ['mailto:', false],
    ['not a url', false],
    [`https://example.org/${'a'.repeat(2100)}`, false],
  ])('%s may be opened: %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('passes safe links to the shell and refuses the rest with a warning', async () => {
    const open = vi.fn(async () => undefined);
    const warnings: string[] = [];
    const guarded = guardedOpenExternal(open, (m) => warnings.push(m));
    await guarded('https://example.org/');
    await guarded('file:///etc/passwd');
    expect(open.mock.calls).toEqual([['https://example.org/']]);
    expect(warnings).toEqual(['openExternal | refused file:///etc/passwd']);
  });
});
