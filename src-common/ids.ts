/**
 * Branded identifiers. A bare string never names a room, peer or media object in a contract:
 * the brand makes passing a producer id where a consumer id is expected a compile error.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A meeting room, chosen by whoever creates the invite. */
export type RoomId = Brand<string, 'RoomId'>;
/** A participant's id, issued by the server on join; never chosen by the client. */
export type PeerId = Brand<string, 'PeerId'>;
/** A mediasoup transport id. */
export type TransportId = Brand<string, 'TransportId'>;
/** A mediasoup producer id. */
export type ProducerId = Brand<string, 'ProducerId'>;
/** A mediasoup consumer id. */
export type ConsumerId = Brand<string, 'ConsumerId'>;
