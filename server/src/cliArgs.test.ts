import { describe, expect, it } from 'vitest';
import { parseCli } from './cliArgs';

describe('parseCli', () => {
  it('binds every interface and leaves the rest to the config defaults when given nothing', () => {
    expect(parseCli([], {})).toEqual({ host: '0.0.0.0' });
  });

  it('returns help for --help, whatever else is given', () => {
    expect(parseCli(['--help'], {})).toBe('help');
    expect(parseCli(['--port', 'nope', '--help'], {})).toBe('help');
  });

  it.each([
    ['--host', '192.168.1.5', { host: '192.168.1.5' }],
    ['--port', '9000', { port: 9000 }],
    ['--announced', '203.0.113.7', { announcedAddress: '203.0.113.7' }],
    ['--workers', '3', { workers: 3 }],
    ['--rtc-port', '41000', { rtcPort: 41000 }],
    ['--log-level', 'debug', { logLevel: 'debug' }],
    ['--reconnect-grace', '5000', { reconnectGraceMs: 5000 }],
  ])('reads %s', (flag, value, expected) => {
    expect(parseCli([flag, value], {})).toEqual({ host: '0.0.0.0', ...expected });
    expect(parseCli([`${flag}=${value}`], {})).toEqual({ host: '0.0.0.0', ...expected });
  });

  it.each([
    ['PARLEY_HOST', '10.0.0.2', { host: '10.0.0.2' }],
    ['PARLEY_PORT', '9001', { port: 9001 }],
    ['PARLEY_ANNOUNCED_ADDRESS', '198.51.100.4', { announcedAddress: '198.51.100.4' }],
    ['PARLEY_WORKERS', '2', { workers: 2 }],
    ['PARLEY_RTC_PORT', '42000', { rtcPort: 42000 }],
    ['PARLEY_LOG_LEVEL', 'warn', { logLevel: 'warn' }],
  ])('falls back to %s', (name, value, expected) => {
    expect(parseCli([], { [name]: value })).toEqual({ host: '0.0.0.0', ...expected });
  });

  it('prefers flags over the environment', () => {
    const env = { PARLEY_HOST: '10.0.0.2', PARLEY_PORT: '1', PARLEY_WORKERS: '1', PARLEY_LOG_LEVEL: 'error' };
    expect(parseCli(['--host', '127.0.0.1', '--port', '8443', '--workers', '4', '--log-level', 'info'], env)).toEqual({
      host: '127.0.0.1',
      port: 8443,
      workers: 4,
      logLevel: 'info',
    });
  });

  it.each([
    [['--port', 'http'], {}, /--port/],
    [['--port', '80.5'], {}, /--port/],
    [['--port', ''], {}, /--port/],
    [['--workers', 'two'], {}, /--workers/],
    [['--rtc-port', '4e4.5'], {}, /--rtc-port/],
    [[], { PARLEY_PORT: 'eighty' }, /--port/],
    [[], { PARLEY_PORT: '' }, /--port/],
    [[], { PARLEY_WORKERS: ' ' }, /--workers/],
    [[], { PARLEY_RTC_PORT: 'NaN' }, /--rtc-port/],
    [['--log-level', 'verbose'], {}, /--log-level/],
    [['--reconnect-grace', '-1'], {}, /--reconnect-grace/],
    [[], { PARLEY_LOG_LEVEL: 'INFO' }, /--log-level/],
  ])('refuses %j with env %j', (argv, env, message) => {
    expect(() => parseCli(argv, env)).toThrow(message);
  });

  it.each([
    [['--prot', '80']],
    [['8443']],
    [['--port']],
  ])('refuses unknown flags, stray arguments and flags without values: %j', (argv) => {
    expect(() => parseCli(argv, {})).toThrow();
  });

  it('joins a cluster with --redis, naming the node, its pipe address and ports', () => {
    expect(parseCli(['--redis', 'redis://10.0.0.9:6379', '--node-id', 'n1', '--pipe-address', '10.0.0.5', '--pipe-ports', '45000-45999'], {})).toEqual({
      host: '0.0.0.0',
      cluster: { redisUrl: 'redis://10.0.0.9:6379', nodeId: 'n1', pipeAddress: '10.0.0.5', pipePorts: { min: 45000, max: 45999 } },
    });
    expect(parseCli([], { PARLEY_REDIS_URL: 'redis://127.0.0.1:6379', PARLEY_NODE_ID: 'n2' })).toEqual({ host: '0.0.0.0', cluster: { redisUrl: 'redis://127.0.0.1:6379', nodeId: 'n2' } });
  });

  it.each([
    [['--node-id', 'n1'], /need --redis/],
    [['--redis', 'http://x'], /redis:\/\/ URL/],
    [['--redis', 'redis://x', '--pipe-ports', '45000'], /MIN-MAX/],
  ])('refuses cluster flags %j', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
