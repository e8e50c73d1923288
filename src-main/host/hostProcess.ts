/**
 * The entry of the host utility process (Electron `utilityProcess.fork`): it runs the hosting
 * core, `LanHost`, through the same InProcessHostRunner the tests use, and answers main. Thin on
 * purpose: everything with logic is tested without Electron.
 */
import { assertUnreachable } from '../../src-common/errors';
import { InProcessHostRunner } from './InProcessHostRunner';
import { toHostSchema, type FromHost } from './hostMessages';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: FromHost): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('hostProcess runs only as an Electron utility process');
const parent: ParentPort = port;
const runner = new InProcessHostRunner();

parent.on('message', ({ data }) => {
  const parsed = toHostSchema.safeParse(data);
  if (!parsed.success) {
    parent.postMessage({ type: 'failed', message: 'the host process got a message it does not understand' });
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'start':
      runner.start(message.options).then(
        (info) => parent.postMessage({ type: 'started', info: { ...info } }),
        (error: unknown) => parent.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case 'stop':
      void runner.stop().then(() => parent.postMessage({ type: 'stopped' }));
      break;
    default:
      assertUnreachable(message);
  }
});
