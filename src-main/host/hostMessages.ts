/**
 * Messages between main and the host utility process. Both sides check what they receive: the
 * utility process is our code, but a crash half-way or a version skew must not become a hang.
 */
import { z } from 'zod';
import { admissionSchema } from '../../src-common/protocol/lobby';

export const toHostSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    options: z.strictObject({
      dataDir: z.string().min(1),
      meetingName: z.string().min(1).max(64),
      hostName: z.string().min(1).max(64),
      admission: admissionSchema.optional(),
    }),
  }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type ToHost = z.infer<typeof toHostSchema>;

/** `info` is a LanHostInfo; main checks it against the HostService contract when it maps it. */
export const fromHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('started'), info: z.record(z.string(), z.unknown()) }),
  z.strictObject({ type: z.literal('failed'), message: z.string() }),
  z.strictObject({ type: z.literal('stopped') }),
]);
export type FromHost = z.infer<typeof fromHostSchema>;
