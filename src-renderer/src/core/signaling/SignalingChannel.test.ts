import { describe, expect, it, vi } from 'vitest';
import { SignalingChannel } from './SignalingChannel';
import type { SignalingClient } from './SignalingClient';

const client = (name: string) => ({ request: vi.fn(async (method: string) => `${name}:${method}`) }) as unknown as SignalingClient;

describe('the signaling channel of a session across resumes', () => {
  it('sends on the current socket', async () => {
    const first = client('first');
    expect(await new SignalingChannel(first).request('leave', {})).toBe('first:leave');
  });

  it('holds requests made between sockets and sends them on the next one', async () => {
    const channel = new SignalingChannel(client('old'));
    channel.use(undefined);
    const pending = channel.request('pauseProducer', { producerId: 'p' });
    const next = client('new');
    channel.use(next);
    expect(await pending).toBe('new:pauseProducer');
  });

  it('fails waiting and later requests once abandoned (the session joined afresh)', async () => {
    const channel = new SignalingChannel(undefined);
    const pending = channel.request('leave', {});
    channel.abandon();
    await expect(pending).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    await expect(channel.request('leave', {})).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });
});
