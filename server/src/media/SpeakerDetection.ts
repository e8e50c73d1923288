import type { ActiveSpeakerObserver, AudioLevelObserver, Router } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import type { ProducerId } from '../../../src-common/ids';
import type { Logger } from '../logger';

interface SpeakerDetectionEvents {
  /** The dominant speaker's audio producer. */
  dominant: [producerId: ProducerId];
  /** Producers making sound right now (loudest first), or an empty list on silence. */
  levels: [levels: Array<{ producerId: ProducerId; volume: number }>];
}

/** A room's ActiveSpeakerObserver and AudioLevelObserver, fed with every audio producer. */
export class SpeakerDetection extends EventEmitter<SpeakerDetectionEvents> {
  private constructor(
    private readonly activeSpeaker: ActiveSpeakerObserver,
    private readonly audioLevels: AudioLevelObserver,
    private readonly logger: Logger,
  ) {
    super();
    activeSpeaker.on('dominantspeaker', ({ producer }) => this.emit('dominant', producer.id as ProducerId));
    audioLevels.on('volumes', (volumes) =>
      this.emit('levels', volumes.map(({ producer, volume }) => ({ producerId: producer.id as ProducerId, volume }))),
    );
    audioLevels.on('silence', () => this.emit('levels', []));
  }

  static async create(router: Router, logger: Logger): Promise<SpeakerDetection> {
    const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
    const audioLevels = await router.createAudioLevelObserver({ maxEntries: 16, threshold: -70, interval: 400 });
    return new SpeakerDetection(activeSpeaker, audioLevels, logger);
  }

  /** Starts watching an audio producer; it leaves the observers by itself when it closes. */
  add(producerId: ProducerId): void {
    for (const observer of [this.activeSpeaker, this.audioLevels]) {
      observer.addProducer({ producerId }).catch((error: unknown) => this.logger.warn(`observe ${producerId} failed: ${String(error)}`));
    }
  }

  close(): void {
    this.activeSpeaker.close();
    this.audioLevels.close();
    this.removeAllListeners();
  }
}
