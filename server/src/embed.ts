/**
 * The server's public embed API: what the desktop app's main process (and its utility process)
 * may use. Everything else in server/ is internal to the server.
 */
export { createServer, type ParleyServer } from './createServer';
export { LanHost, type LanHostInfo, type LanHostOptions, DEFAULT_LAN_PORT } from './host/LanHost';
export { MeetingBrowser, type DiscoveredMeeting } from './host/discovery';
export { CERT_FILE, certFingerprint, loadOrCreateCertificate } from './host/certificate';
export { peerFingerprint } from './host/peerCertificate';
