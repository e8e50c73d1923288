import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLanCli } from './lanCliArgs';

describe('parseLanCli', () => {
  it('is null without --lan, so the ordinary server runs', () => {
    expect(parseLanCli(['--port', '9000'], {})).toBeNull();
  });

  it('takes out its own flags and leaves the server\'s to parseCli', () => {
    const parsed = parseLanCli(['--lan', '--port', '9000', '--meeting', 'Standup', '--data-dir', '/tmp/p'], { PARLEY_PASSCODE: 'tulip-42' });
    expect(parsed).toEqual({ meetingName: 'Standup', admission: { mode: 'passcode', passcode: 'tulip-42' }, dataDir: '/tmp/p', rest: ['--port', '9000'] });
  });

  it('reads the passcode from a file, and refuses it on the command line where ps would show it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-pass-')), 'passcode');
    fs.writeFileSync(file, 'tulip-42\n', { mode: 0o600 });
    expect(parseLanCli(['--lan', '--passcode-file', file], {})).toMatchObject({ admission: { mode: 'passcode', passcode: 'tulip-42' } });
    expect(() => parseLanCli(['--lan', '--passcode=tulip-42'], {})).toThrow(/ps.*--passcode-file.*PARLEY_PASSCODE/);
    expect(() => parseLanCli(['--lan', '--passcode', 'tulip-42'], {})).toThrow(/ps/);
  });

  it('admits anyone with the code by default (a terminal has nobody to open the door) and reads PARLEY_DATA_DIR', () => {
    expect(parseLanCli(['--lan'], { PARLEY_DATA_DIR: '/data' })).toMatchObject({ admission: { mode: 'open' }, dataDir: '/data' });
  });

  it.each([
    [['--lan', '--passcode-file', '/nonexistent/passcode'], /cannot read/],
    [['--lan', '--meeting'], /needs a value/],
    [['--lan', '--meeting', '   '], /needs a name/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseLanCli(argv, {})).toThrow(message);
  });

  it('refuses a passcode shorter than 6 characters', () => {
    expect(() => parseLanCli(['--lan'], { PARLEY_PASSCODE: 'abcd' })).toThrow(/at least 6/);
  });
});
