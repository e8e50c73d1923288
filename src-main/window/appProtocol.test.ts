import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempDir';
import { appResponse } from './appProtocol';

describe('the app:// protocol', () => {
  const dir = tempDir();
  const root = dir.file('web');
  beforeAll(() => {
    fs.mkdirSync(`${root}/assets`, { recursive: true });
    fs.writeFileSync(`${root}/index.html`, '<!doctype html><title>Parley</title>');
    fs.writeFileSync(`${root}/assets/app.js`, 'console.log(1)');
    fs.writeFileSync(dir.file('secret.txt'), 'outside the web root');
  });
  afterAll(() => dir.remove());

  it('serves a file of the web client with its type and the CSP', async () => {
    const response = await appResponse(root, 'app://parley/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each(['app://parley/', 'app://parley/r/standup', 'app://parley/history/12?x=1'])('answers the in-app route %s with index.html', async (url) => {
    const response = await appResponse(root, url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Parley</title>');
  });

  it.each([
    ['a path climbing out of the web root', 'app://parley/../secret.txt'],
    ['an encoded climb', 'app://parley/%2e%2e/secret.txt'],
    ['an encoded separator climb', 'app://parley/assets%2f..%2f..%2fsecret.txt'],
    ['a missing asset', 'app://parley/assets/missing.js'],
    ['another host on the scheme', 'app://elsewhere/assets/app.js'],
    ['a malformed escape', 'app://parley/%E0%A4%A'],
  ])('answers 404 for %s', async (_label, url) => {
    const response = await appResponse(root, url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the web root');
  });
});
