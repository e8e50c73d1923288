import type { PipeTransport, Router } from 'mediasoup/node/lib/types';

/** Where this node's ends of pipes between nodes listen, and the address the others send to. */
export interface PipeListen {
  /** Address bound (the server's `host`). */
  ip: string;
  /** Address the other nodes reach (`cluster.pipeAddress`). */
  announcedIp: string;
}

/**
 * One end of a pipe between two nodes (the one place these options live). Unlike a pipe inside
 * one machine, it crosses a network: SRTP keeps the media private (the keys travel over the
 * directory's Redis, which the cluster trusts), and RTX lets a lost packet be sent again when
 * the far side NACKs it. No SCTP: data channels are not piped between nodes.
 */
export function createNodePipeTransport(router: Router, listen: PipeListen): Promise<PipeTransport> {
  return router.createPipeTransport({
    listenIp: { ip: listen.ip, announcedIp: listen.announcedIp },
    enableSrtp: true,
    enableRtx: true,
    enableSctp: false,
  });
}
