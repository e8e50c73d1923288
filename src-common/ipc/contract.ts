/**
 * The shape every main-process service contract has. A service is an interface whose methods take
 * one argument object and return a promise; its contract pairs each method with the runtime
 * schemas of that argument (checked in main, the trust boundary) and of the result (checked by
 * the renderer in development). Channels are named `service:method`.
 */
import { z } from 'zod';
import type { ErrorBody } from '../errors';

/** A method of a service: one argument object in, a promise out. */
type ServiceMethod = (input: never) => Promise<unknown>;

/** The schemas of one method. `input` parses what the renderer sent into what the service gets. */
export interface MethodSchemas<In, Out> {
  input: z.ZodType<In>;
  output: z.ZodType<Out>;
}

/**
 * The runtime contract of service `S`: one entry per method, so a method added to the interface
 * without schemas (or schemas for a method that does not exist) is a compile error.
 */
export type ContractOf<S> = {
  [M in keyof S]: S[M] extends (input: infer In) => Promise<infer Out> ? MethodSchemas<In, Out> : never;
};

/** Checks a contract object against its service interface without widening its type. */
export function defineContract<S extends { [M in keyof S]: ServiceMethod }>() {
  return <C extends ContractOf<S>>(contract: C): C => contract;
}

/** Methods that take nothing still take an object, so every channel carries one argument. */
export const emptyInput = z.strictObject({});
export type EmptyInput = z.infer<typeof emptyInput>;

/** What a `service:method` channel answers: a value, or an error with a code (never a thrown string). */
export type IpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** `history:list` and the like. */
export type ChannelName<Service extends string, Method extends string> = `${Service}:${Method}`;

export function channelName<S extends string, M extends string>(service: S, method: M): ChannelName<S, M> {
  return `${service}:${method}`;
}

/** Splits `service:method`; null for anything else. */
export function parseChannel(channel: unknown): { service: string; method: string } | null {
  if (typeof channel !== 'string' || channel.length > 128) return null;
  const match = /^([a-z][A-Za-z]*):([a-z][A-Za-z]*)$/.exec(channel);
  return match ? { service: match[1]!, method: match[2]! } : null;
}
