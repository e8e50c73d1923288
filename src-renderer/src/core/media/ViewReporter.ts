import type { ConsumerId } from '../../../../src-common/ids';
import { HIDDEN_VIEW } from '../../../../src-common/protocol';
import type { Requester } from '../signaling/SignalingChannel';

/** How a tile shows one consumer, in device pixels. */
export interface TileView {
  visible: boolean;
  width: number;
  height: number;
  pinned: boolean;
}

/** Changes that need more pixels go out fast: someone is looking at a blurry tile. */
const UPGRADE_DELAY_MS = 60;
/** A tile that shows a consumer for the first time: its picture is what the user waits for. */
const FIRST_SHOW_DELAY_MS = 0;
/** A view guessed before any tile existed stands this long unless a tile reports the consumer. */
const GUESS_TTL_MS = 2000;
/** Changes that need fewer go out slowly, so resizing a window or paging through does not thrash. */
const DOWNGRADE_DELAY_MS = 500;
/** Sizes are rounded to this, so a one-pixel resize is not news. */
const QUANTUM = 16;

const HIDDEN: TileView = HIDDEN_VIEW;

function quantize(view: TileView): TileView {
  const round = (n: number): number => Math.round(n / QUANTUM) * QUANTUM;
  return { ...view, width: round(view.width), height: round(view.height) };
}

function same(a: TileView | undefined, b: TileView): boolean {
  return !!a && a.visible === b.visible && a.width === b.width && a.height === b.height && a.pinned === b.pinned;
}

function isUpgrade(before: TileView | undefined, after: TileView): boolean {
  if (!before) return after.visible;
  if (after.visible !== before.visible) return after.visible;
  return after.pinned !== before.pinned || after.width * after.height > before.width * before.height;
}

/**
 * Collects what the tiles report about their consumers and sends it to the server as
 * `setConsumerView`, debounced: upgrades quickly, downgrades lazily, unchanged views never.
 */
export class ViewReporter {
  private readonly sent = new Map<ConsumerId, TileView>();
  private readonly pending = new Map<ConsumerId, TileView>();
  /** Consumers no tile has shown yet: the first showing goes out at once. */
  private readonly neverShown = new Set<ConsumerId>();
  /** Consumers shown on a guess (startShown) that no tile has reported yet. */
  private readonly guessed = new Set<ConsumerId>();
  private guessTimer: ReturnType<typeof setTimeout> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Infinity;
  private closed = false;

  constructor(private readonly send: Requester['request']) {}

  report(consumerId: ConsumerId, view: TileView): void {
    if (this.closed) return;
    // A tile has it: any guess about it is the tile's business now.
    this.guessed.delete(consumerId);
    const next = quantize(view);
    if (same(this.sent.get(consumerId), next)) {
      this.pending.delete(consumerId);
      return;
    }
    this.pending.set(consumerId, next);
    const before = this.sent.get(consumerId);
    if (next.visible && this.neverShown.delete(consumerId)) this.schedule(FIRST_SHOW_DELAY_MS);
    else this.schedule(isUpgrade(before, next) ? UPGRADE_DELAY_MS : DOWNGRADE_DELAY_MS);
  }

  /**
   * Declares a new video consumer hidden before it is resumed, so nothing is sent for it until a
   * tile shows it (a tile on another page may never do so).
   */
  async startHidden(consumerId: ConsumerId): Promise<void> {
    this.startHiddenOnServer(consumerId);
    await this.send('setConsumerView', { consumerId, ...HIDDEN });
  }

  /**
   * Tells the server now how a new consumer will likely be shown, before its tile exists (the
   * join's cameras: see Subscriber.expect()). The tile's own report corrects it; a consumer no
   * tile reports within GUESS_TTL_MS (it landed on another page, or in no tile) is hidden again.
   */
  startShown(consumerId: ConsumerId, view: TileView): void {
    const guessed = quantize(view);
    this.sent.set(consumerId, guessed);
    this.guessed.add(consumerId);
    this.sendView(consumerId, guessed);
    if (this.guessTimer) return;
    this.guessTimer = setTimeout(() => {
      this.guessTimer = undefined;
      for (const id of this.guessed) this.report(id, HIDDEN);
      this.guessed.clear();
    }, GUESS_TTL_MS);
  }

  /** The server made the consumer hidden already (with `consume`'s view, or with the join). */
  startHiddenOnServer(consumerId: ConsumerId): void {
    this.sent.set(consumerId, HIDDEN);
    this.neverShown.add(consumerId);
  }

  /** The consumer is gone (its producer closed): nothing more to say about it. */
  forget(consumerId: ConsumerId): void {
    this.sent.delete(consumerId);
    this.neverShown.delete(consumerId);
    this.guessed.delete(consumerId);
    this.pending.delete(consumerId);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.guessTimer) clearTimeout(this.guessTimer);
    this.pending.clear();
  }

  private schedule(delayMs: number): void {
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => this.flush(), delayMs);
  }

  private flush(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    for (const [consumerId, view] of this.pending) {
      this.pending.delete(consumerId);
      this.sent.set(consumerId, view);
      this.sendView(consumerId, view);
    }
  }

  private sendView(consumerId: ConsumerId, view: TileView): void {
    this.send('setConsumerView', { consumerId, ...view }).catch((error: unknown) => {
      // The consumer may have closed meanwhile (NOT_FOUND); the next report corrects anything else.
      this.sent.delete(consumerId);
      console.info(`setConsumerView ${consumerId} not applied`, error);
    });
  }
}
