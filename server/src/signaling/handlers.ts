import { ErrorCode, ParleyError } from '../../../src-common/errors';
import { serverFeatures, type Method, type RequestData, type ResponseData } from '../../../src-common/protocol';
import { refuseRemovedClient } from '../admission/removedReturn';
import { assertMayJoin, assertRoomReachable, lobbyHandlers } from './lobbyHandlers';
import { joinMedia } from './joinMedia';
import { meetingHandlers } from './meetingHandlers';
import { resumeHandlers } from './resumeHandlers';
import type { Session } from './Session';

type Handler<M extends Method> = (session: Session, data: RequestData<M>) => Promise<ResponseData[M]>;

/** One handler per protocol method; a method without a handler does not compile. */
export type HandlerMap = { [M in Method]: Handler<M> };

const done = {} as Record<string, never>;

export const handlers: HandlerMap = {
  async getRouterRtpCapabilities(session, { roomId }) {
    assertRoomReachable(session, roomId);
    const room = await session.rooms.getOrCreate(roomId, session.remoteAddress);
    return {
      routerRtpCapabilities: room.rtpCapabilities as ResponseData['getRouterRtpCapabilities']['routerRtpCapabilities'],
      features: [...serverFeatures],
    };
  },

  async join(session, request) {
    const { roomId, displayName, rtpCapabilities, sessionToken } = request;
    if (session.isJoined) throw new ParleyError(ErrorCode.AlreadyJoined, 'this connection has already joined a room');
    // Checked before the room is touched: a bad token joins nothing and creates nothing.
    const returning = sessionToken ? await session.tokens.verify(sessionToken, roomId) : undefined;
    assertMayJoin(session, roomId, returning);
    const authority = session.tokens.authority;
    // The role comes from the meeting's record, never from the token: a demotion or removal sticks.
    const role = returning ? await authority.roleOf(roomId, returning.peerId) : undefined;
    const fixedOwner = await authority.hasFixedOwner(roomId);
    // A removed person's browser stays out, whatever token it brings; the owner is never locked out.
    if (!(role === 'host' && fixedOwner)) await refuseRemovedClient(authority, session.rooms, roomId, session.clientId, displayName);
    const room = await session.rooms.getOrCreate(roomId, session.remoteAddress);
    const { peer, others, activeSpeakerId } = await room.join({
      displayName,
      rtpCapabilities: rtpCapabilities as Parameters<typeof room.join>[0]['rtpCapabilities'],
      ...(returning && role ? { identity: { peerId: returning.peerId, role } } : {}),
      fixedOwner,
      // Joining may wait for a router: the connection subscribes before anyone is told.
      onJoined: (joined) => {
        joined.clientId = session.clientId;
        session.attach(room, joined);
      },
    });
    const token = await session.tokens.issue({ roomId, peerId: peer.id, role: peer.role, displayName });
    const media = await joinMedia(room, peer, request, others);
    return { peerId: peer.id, role: peer.role, sessionToken: token, peers: others, activeSpeakerId, ...media };
  },

  async createWebRtcTransport(session, { direction }) {
    return session.joined().peer.createTransport(direction);
  },

  async connectWebRtcTransport(session, data) {
    await session.joined().peer.connectTransport(data);
    return done;
  },

  async restartIce(session, { transportId }) {
    return { iceParameters: await session.joined().peer.restartIce(transportId) };
  },

  async produce(session, data) {
    return { producerId: await session.joined().peer.produce(data) };
  },

  async closeProducer(session, { producerId }) {
    session.joined().peer.closeProducer(producerId);
    return done;
  },

  async pauseProducer(session, { producerId }) {
    await session.joined().peer.setProducerPaused(producerId, true);
    return done;
  },

  async resumeProducer(session, { producerId }) {
    await session.joined().peer.setProducerPaused(producerId, false);
    return done;
  },

  async consume(session, { producerId, view }) {
    const { room, peer } = session.joined();
    return room.consume(peer, producerId, view);
  },

  async resumeConsumer(session, { consumerId }) {
    await session.joined().peer.setConsumerPaused(consumerId, false);
    return done;
  },

  async pauseConsumer(session, { consumerId }) {
    await session.joined().peer.setConsumerPaused(consumerId, true);
    return done;
  },

  async setConsumerPreferredLayers(session, data) {
    await session.joined().peer.setConsumerPreferredLayers(data);
    return done;
  },

  async setConsumerView(session, view) {
    const { room, peer } = session.joined();
    await room.setConsumerView(peer, view);
    return done;
  },

  async leave(session) {
    session.leave();
    return done;
  },

  ...meetingHandlers,
  ...lobbyHandlers,
  ...resumeHandlers,
};
