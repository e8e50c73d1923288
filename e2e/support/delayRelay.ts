/**
 * A userspace UDP relay that holds every packet `delay` ms each way (this kernel has no netem):
 * `node --import tsx e2e/support/delayRelay.ts LISTEN_IP:PORT TARGET_IP:PORT DELAY_MS`. The
 * server announces LISTEN as its media address, so clients send media here; each client address
 * gets its own upstream socket, so the server's answers find their way back. Prints "relay ready".
 */
import dgram from 'node:dgram';

function endpoint(text: string | undefined): { address: string; port: number } {
  const match = /^([\d.]+):(\d+)$/.exec(text ?? '');
  if (!match) throw new Error(`expected ADDRESS:PORT, got ${JSON.stringify(text)}`);
  return { address: match[1]!, port: Number(match[2]) };
}

const [listenArg, targetArg, delayArg] = process.argv.slice(2);
const listen = endpoint(listenArg);
const target = endpoint(targetArg);
const delayMs = Number(delayArg);
if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error(`DELAY_MS must be a number, got ${JSON.stringify(delayArg)}`);

const front = dgram.createSocket('udp4');
const upstreams = new Map<string, dgram.Socket>();

front.on('message', (packet, client) => {
  const key = `${client.address}:${client.port}`;
  let upstream = upstreams.get(key);
  if (!upstream) {
    const socket = dgram.createSocket('udp4');
    socket.on('message', (reply) => setTimeout(() => front.send(reply, client.port, client.address), delayMs));
    socket.bind(0, target.address);
    upstreams.set(key, socket);
    upstream = socket;
  }
  const via = upstream;
  setTimeout(() => via.send(packet, target.port, target.address), delayMs);
});
front.bind(listen.port, listen.address, () => console.log(`relay ready on ${listen.address}:${listen.port}, ${delayMs} ms each way`));
