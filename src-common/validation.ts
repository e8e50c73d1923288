import { z } from 'zod';
import type { ConsumerId, PeerId, ProducerId, RoomId, TransportId } from './ids';

/** Room ids appear in links, so they are URL-safe and short. */
export const roomIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'room ids are 1-64 letters, digits, "-" or "_"')
  .transform((s) => s as RoomId);

const objectId = z.string().min(1).max(64);
export const peerIdSchema = objectId.transform((s) => s as PeerId);
export const transportIdSchema = objectId.transform((s) => s as TransportId);
export const producerIdSchema = objectId.transform((s) => s as ProducerId);
export const consumerIdSchema = objectId.transform((s) => s as ConsumerId);

/** A person's display name: trimmed, non-empty, at most 64 characters, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(64, 'names are at most 64 characters')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'names may not contain control characters');
