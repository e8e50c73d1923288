import { describe, expect, it } from 'vitest';
import { parseLanCli } from './lanCliArgs';

describe('parseLanCli', () => {
  it('is null without --lan, so the ordinary server runs', () => {
    expect(parseLanCli(['--port', '9000'], {})).toBeNull();
  });

  it('takes out its own flags and leaves the server\'s to parseCli', () => {
    const parsed = parseLanCli(['--lan', '--port', '9000', '--meeting', 'Standup', '--passcode=tulip-42', '--data-dir', '/tmp/p'], {});
    expect(parsed).toEqual({ meetingName: 'Standup', admission: { mode: 'passcode', passcode: 'tulip-42' }, dataDir: '/tmp/p', rest: ['--port', '9000'] });
  });

  it('admits anyone with the code by default (a terminal has nobody to open the door) and reads PARLEY_DATA_DIR', () => {
    expect(parseLanCli(['--lan'], { PARLEY_DATA_DIR: '/data' })).toMatchObject({ admission: { mode: 'open' }, dataDir: '/data' });
  });

  it.each([
    [['--lan', '--passcode', 'ab'], /at least 4/],
    [['--lan', '--meeting'], /needs a value/],
    [['--lan', '--meeting', '   '], /needs a name/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseLanCli(argv, {})).toThrow(message);
  });
});
