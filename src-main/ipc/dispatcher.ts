import { z } from 'zod';
import { ErrorCode, ErrorReason, ParleyError, type ErrorBody } from '../../src-common/errors';
import { contracts, type ServiceName, type Services } from '../../src-common/ipc/bridge';
import { parseChannel, type IpcResult, type MethodSchemas } from '../../src-common/ipc/contract';
import type { Logger } from '../log/Logger';

/** Who sent a message: the URL of the frame, as Electron (or the test harness) reports it. */
export interface IpcSender {
  url: string;
}

export interface IpcDispatcherOptions {
  /** The services this process serves; a service left out answers UNAVAILABLE. */
  services: Partial<Services>;
  /** Why each left-out service is unavailable, in words for the user. */
  unavailable?: Partial<Record<ServiceName, string>>;
  /** Only Parley's own content may call main. */
  isTrustedSender: (sender: IpcSender) => boolean;
  logger: Logger;
}

export interface IpcDispatcher {
  /**
   * Answers one `service:method` call. Never throws: every failure, including bad input and
   * failures inside the service, comes back as `{ ok: false, error: { code, message } }`.
   */
  dispatch(channel: unknown, args: readonly unknown[], sender: IpcSender): Promise<IpcResult>;
}

const fail = (code: ErrorBody['code'], message: string, reason?: ErrorReason): IpcResult => ({
  ok: false,
  error: reason === undefined ? { code, message } : { code, message, reason },
});

function isServiceName(name: string): name is ServiceName {
  return Object.prototype.hasOwnProperty.call(contracts, name);
}

/**
 * The main side of the bridge, independent of Electron: checks who is calling, that the channel
 * is part of the contract, that exactly one argument came and that it matches the method's
 * schema, then calls the service. Electron's ipcMain and the e2e harness both feed it.
 */
export function createIpcDispatcher(options: IpcDispatcherOptions): IpcDispatcher {
  const { services, unavailable = {}, isTrustedSender, logger } = options;
  return {
    async dispatch(channel, args, sender) {
      if (!isTrustedSender(sender)) {
        logger.warn(`dispatch() | refused ${String(channel).slice(0, 80)} from ${sender.url.slice(0, 200)}`);
        return fail(ErrorCode.Forbidden, 'only Parley’s own pages may use the desktop bridge', ErrorReason.UntrustedSender);
      }
      const parsed = parseChannel(channel);
      if (!parsed || !isServiceName(parsed.service)) return fail(ErrorCode.UnknownMethod, `no such channel: ${String(channel).slice(0, 80)}`);
      const contract = contracts[parsed.service] as Record<string, MethodSchemas<unknown, unknown>>;
      if (!Object.prototype.hasOwnProperty.call(contract, parsed.method)) {
        return fail(ErrorCode.UnknownMethod, `no such channel: ${parsed.service}:${parsed.method}`);
      }
      const service = services[parsed.service];
      if (!service) {
        return fail(ErrorCode.Unavailable, unavailable[parsed.service] ?? `the ${parsed.service} service is not available`);
      }
      if (args.length !== 1) return fail(ErrorCode.BadRequest, `${parsed.service}:${parsed.method} takes exactly one argument, got ${args.length}`);
      const input = contract[parsed.method]!.input.safeParse(args[0]);
      if (!input.success) {
        return fail(ErrorCode.BadRequest, `${parsed.service}:${parsed.method}: ${z.prettifyError(input.error)}`);
      }
      // The contract types each method's input; here the method is chosen at run time, and the
      // input has just been parsed by that very method's schema.
      const method = (service as unknown as Record<string, (input: unknown) => Promise<unknown>>)[parsed.method]!;
      try {
        return { ok: true, value: await method.call(service, input.data) };
      } catch (error) {
        if (error instanceof ParleyError) return { ok: false, error: error.toBody() };
        logger.error(`dispatch() | ${parsed.service}:${parsed.method} failed`, error);
        return fail(ErrorCode.Internal, `${parsed.service}:${parsed.method} failed in the app; details are in the log`);
      }
    },
  };
}
