/**
 * The server's limits against hostile or broken clients: per connection, per address and per
 * server. Every limit has a name here (the same key in the configuration file), a default a LAN
 * host and a standalone server can live with, a coded error or close, a log line and a counter
 * (GuardMetrics). The README's security section lists them with their defaults.
 */
export interface GuardLimits {
  /** Bytes the server may have queued for one socket; a client that reads slower is closed. */
  maxBufferedBytes: number;
  /** A socket that has neither joined nor knocked within this long is closed. */
  preJoinIdleMs: number;
  /** A message whose frames have not all arrived within this long closes the socket. */
  fragmentTimeoutMs: number;
  /** Open WebSockets from one address; the next upgrade is refused with 429. */
  socketsPerAddress: number;
  /** Rooms one address may cause to be created per minute (open mode). */
  roomsPerAddressPerMinute: number;
  /** Rooms alive on this server at once. */
  maxRooms: number;
  /** People in one room at once (reconnecting ones included). */
  participantsPerRoom: number;
  /** Wrong codes or passcodes for one meeting per minute, from all addresses together, before backoff. */
  passcodeAttemptsPerMeetingPerMinute: number;
  /**
   * Lookups of a meeting's name by invite code (a guest's pre-join screen) from one address per
   * minute, also the burst allowed at once; the next is refused until the bucket refills.
   */
  meetingLookupsPerAddressPerMinute: number;
  /** Node's HTTP server timeouts: headers, whole request, idle keep-alive. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
}

export const defaultGuardLimits: GuardLimits = {
  // Far above what signaling ever queues (a join answer is a few kB), far below a memory problem.
  maxBufferedBytes: 2 * 1024 * 1024,
  preJoinIdleMs: 30_000,
  fragmentTimeoutMs: 10_000,
  // A household or an office behind one NAT address still gets 64 tabs.
  socketsPerAddress: 64,
  roomsPerAddressPerMinute: 30,
  maxRooms: 500,
  participantsPerRoom: 100,
  passcodeAttemptsPerMeetingPerMinute: 20,
  // A guest opens a link a few times; a guesser gets 8,640 of 7e8 codes a day from one address.
  meetingLookupsPerAddressPerMinute: 6,
  http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 },
};

/** Defaults for whatever `partial` leaves out; a limit that is not a positive whole number throws. */
export function resolveGuardLimits(partial: Partial<GuardLimits> = {}): GuardLimits {
  const limits: GuardLimits = {
    ...defaultGuardLimits,
    ...partial,
    http: { ...defaultGuardLimits.http, ...partial.http },
  };
  const numbers: Array<[string, number]> = [
    ...Object.entries(limits).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    ...Object.entries(limits.http).map(([key, value]): [string, number] => [`http.${key}`, value]),
  ];
  for (const [name, value] of numbers) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`guards.${name} must be a positive whole number, got ${value}`);
  }
  return limits;
}
