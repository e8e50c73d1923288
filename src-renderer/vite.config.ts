import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// The built client goes to dist/web, which the server serves. In `npm run dev:web` the signaling
// socket is proxied to a server started with `npm run serve` on its default port.
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: path.resolve(here, '..', 'dist', 'web'),
    emptyOutDir: true,
    // No source maps in the build: the server would hand the whole source to anyone who asks.
    sourcemap: false,
    // One chunk of about 575 kB (mediasoup-client and the zod contracts the bridge checks answers
    // with), loaded once from the app's own disk or the LAN host: splitting it buys nothing.
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/ws': { target: 'ws://127.0.0.1:8443', ws: true } } },
});
