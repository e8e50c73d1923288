import { Device, detectDeviceAsync } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';
import { Chrome74 } from 'mediasoup-client/handlers/Chrome74';
import { Firefox120 } from 'mediasoup-client/handlers/Firefox120';
import { Safari12 } from 'mediasoup-client/handlers/Safari12';
import type { HandlerFactory } from 'mediasoup-client/handlers/HandlerInterface';
import type { RtpCapabilities } from 'mediasoup-client/types';

/** The browser handlers whose native capabilities can be learnt ahead of a join. */
const handlers: Record<string, () => HandlerFactory> = {
  Chrome111: () => Chrome111.createFactory({}),
  Chrome74: () => Chrome74.createFactory({}),
  Firefox120: () => Firefox120.createFactory({}),
  Safari12: () => Safari12.createFactory({}),
};

type Direction = Parameters<HandlerFactory['getNativeRtpCapabilities']>[0]['direction'];

/**
 * Makes loaded mediasoup-client Devices. Loading one asks the browser what it can send and receive
 * (mediasoup-client builds a throwaway RTCPeerConnection and an offer per direction: tens of
 * milliseconds, more on a busy machine). That answer does not depend on the server, so it is asked
 * once, ahead of time (`warm()`, from the pre-join screen), and every Device of this window reuses it.
 * A browser mediasoup-client does not name here gets a Device made and loaded the usual way.
 */
export class DeviceFactory {
  private handler: Promise<HandlerFactory | undefined> | undefined;

  /** Starts learning the browser's capabilities now; never throws (create() tries again). */
  warm(): void {
    this.handlerFactory().catch((error: unknown) => {
      console.info('device capabilities not learnt ahead of the join', error);
      this.handler = undefined;
    });
  }

  /** A Device loaded with the router's capabilities. */
  async create(routerRtpCapabilities: RtpCapabilities): Promise<Device> {
    const factory = await this.handlerFactory().catch(() => undefined);
    const device = factory ? new Device({ handlerFactory: factory }) : await Device.factory();
    await device.load({ routerRtpCapabilities });
    return device;
  }

  private handlerFactory(): Promise<HandlerFactory | undefined> {
    this.handler ??= (async () => {
      const name = await detectDeviceAsync();
      const make = name ? handlers[name] : undefined;
      if (!make) return undefined;
      const factory = rememberingCapabilities(make());
      await Promise.all([factory.getNativeRtpCapabilities({ direction: 'recvonly' }), factory.getNativeRtpCapabilities({ direction: 'sendonly' })]);
      return factory;
    })();
    return this.handler;
  }
}

/** `factory`, asking the browser for its native capabilities once per direction. */
function rememberingCapabilities(factory: HandlerFactory): HandlerFactory {
  const asked = new Map<Direction, Promise<RtpCapabilities>>();
  return {
    ...factory,
    getNativeRtpCapabilities(options) {
      let answer = asked.get(options.direction);
      if (!answer) {
        answer = factory.getNativeRtpCapabilities(options);
        asked.set(options.direction, answer);
        // A failed probe is asked again next time.
        answer.catch(() => asked.delete(options.direction));
      }
      return answer;
    },
  };
}
