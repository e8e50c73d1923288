/**
 * One port, two protocols: TLS for everyone, and plain HTTP for this machine only. Browsers treat
 * `http://localhost` as a secure context (camera and microphone work), so the person at the host
 * gets no certificate warning; other machines keep HTTPS with the pinned certificate, and a plain
 * request from them is redirected to it. Decided per connection on its first byte (a TLS
 * handshake starts with 0x16) and its peer address, which the client cannot choose.
 *
 * Hand-written (about 40 lines) rather than `httpolyglot`: that package would also serve plain
 * HTTP to every address, which is exactly what must not happen here.
 */
import http from 'node:http';
import type https from 'node:https';
import net from 'node:net';
import { hostName } from './upgradePolicy';

const TLS_HANDSHAKE = 0x16;

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * A listener that hands each connection to `secure`, or to `plain` when it speaks plain HTTP from a
 * loopback address; other plain connections get a redirect to https. A connection that sends
 * nothing within `firstByteTimeoutMs` is closed.
 */
export function loopbackPlainListener(secure: https.Server, plain: http.Server, firstByteTimeoutMs: number): net.Server {
  const redirect = http.createServer((req, res) => {
    const name = hostName(req.headers.host);
    const port = req.socket.localPort;
    if (!name) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('use https://');
      return;
    }
    res.writeHead(308, { location: `https://${name}:${port}${req.url?.startsWith('/') ? req.url : '/'}`, connection: 'close' }).end();
  });
  redirect.headersTimeout = firstByteTimeoutMs;
  const listener = net.createServer((socket) => {
    socket.setTimeout(firstByteTimeoutMs, () => socket.destroy());
    socket.once('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      const target = chunk[0] === TLS_HANDSHAKE ? secure : isLoopback(socket.remoteAddress) ? plain : redirect;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  // The inner servers never listen themselves: 'listening' starts their connection tracking (and
  // with it the header and request timeouts), and closing them stops it again.
  const inner = [secure, plain, redirect];
  listener.on('listening', () => {
    for (const server of inner) server.emit('listening');
  });
  listener.on('close', () => {
    for (const server of inner) {
      server.closeAllConnections();
      server.close(() => undefined);
    }
  });
  return listener;
}
