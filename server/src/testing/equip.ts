import type { ProducerId } from '../../../src-common/ids';
import { clientDtlsParameters } from './rtp';
import type { TestClient } from './TestClient';

/** Connected send and receive transports, a microphone and a camera (no real media: no DTLS is done). */
export async function equip(client: TestClient): Promise<{ microphone: ProducerId; camera: ProducerId }> {
  const send = await client.createTransport('send');
  const recv = await client.createTransport('recv');
  for (const { transportId } of [send, recv]) await client.call('connectWebRtcTransport', { transportId, dtlsParameters: clientDtlsParameters });
  return { microphone: await client.produce(send.transportId, 'microphone'), camera: await client.produce(send.transportId, 'camera') };
}
