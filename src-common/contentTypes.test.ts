import { describe, expect, it } from 'vitest';
import { contentTypeOf } from './contentTypes';

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['/srv/web/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['C:\\Parley\\web\\styles.CSS', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['archive.tar.gz', 'application/octet-stream'],
    ['.html', 'application/octet-stream'],
    ['assets.d/README', 'application/octet-stream'],
  ])('gives %s the type %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});
