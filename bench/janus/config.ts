import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const JANUS_WS_PORT = 8188;
export const JANUS_ROOM = 1234;

/**
 * The four config files a benchmark Janus needs (the recipe in shared/reference/janus-peer.md),
 * written to `dir`; /etc/janus is never touched. Only the VideoRoom plugin and the WebSocket
 * transport load; ICE runs on the veth end only (Janus skips loopback interfaces for ICE).
 */
export function writeJanusConfig(dir: string, options: { ip: string; iceInterface: string }): string {
  mkdirSync(dir, { recursive: true });
  const lib = '/usr/lib/x86_64-linux-gnu/janus';
  const files: Record<string, string> = {
    'janus.jcfg': `general: {
  configs_folder = "${dir}"
  plugins_folder = "${lib}/plugins"
  transports_folder = "${lib}/transports"
  events_folder = "${lib}/events"
  loggers_folder = "${lib}/loggers"
  debug_level = 4
  server_name = "parley-bench-janus"
  session_timeout = 60
}
media: {
  ipv6 = false
  rtp_port_range = "20000-20999"
}
nat: {
  ice_lite = false
  ice_tcp = false
  full_trickle = false
  ignore_mdns = true
  ice_enforce_list = "${options.iceInterface}"
}
plugins: {
  disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
}
transports: {
  disable = "libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = false
  disable = "libjanus_gelfevh.so,libjanus_mqttevh.so,libjanus_nanomsgevh.so,libjanus_rabbitmqevh.so,libjanus_sampleevh.so,libjanus_wsevh.so"
}
`,
    'janus.transport.websockets.jcfg': `general: {
  json = "plain"
  ws = true
  ws_port = ${JANUS_WS_PORT}
  ws_ip = "${options.ip}"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
    // Bitrate cap matched to Parley's top simulcast layer plus the lower two (1.5 + 0.5 + 0.15 Mbit/s).
    'janus.plugin.videoroom.jcfg': `general: {
}
room-${JANUS_ROOM}: {
  description = "bench"
  publishers = 6
  bitrate = 2200000
  fir_freq = 10
  videocodec = "vp8"
  audiocodec = "opus"
  record = false
}
`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, 'janus.jcfg');
}
