import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { DevicesService, ScreenSource } from '../../../../src-common/ipc/devices';
import { Store } from '../base/Store';

export type SourceTab = 'screen' | 'window';

export interface PickerState {
  open: boolean;
  tab: SourceTab;
  sources: ScreenSource[];
  selectedId: string | null;
  /** True until the first listing arrives. */
  loading: boolean;
  error: string | null;
}

export interface PickerOptions {
  /** How often the thumbnails are refreshed while the picker is open. */
  refreshMs?: number;
  thumbnailWidth?: number;
}

const closed = (tab: SourceTab): PickerState => ({ open: false, tab, sources: [], selectedId: null, loading: false, error: null });

/**
 * The desktop app's own screen picker, framework-free: it lists screens and windows from main
 * (live thumbnails, refreshed while open), keeps a selection per tab, and on Share tells main
 * which source the next getDisplayMedia() captures. `pick()` resolves true when main has the
 * choice, false when the user cancelled: a cancel is not an error.
 */
export class ScreenSourcePicker {
  readonly state = new Store<PickerState>(closed('screen'));
  private pending: { promise: Promise<boolean>; resolve: (picked: boolean) => void } | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private listing = false;
  /** Bumped on every open and close, so a listing that arrives late is dropped. */
  private generation = 0;
  private readonly refreshMs: number;
  private readonly thumbnailWidth: number;

  constructor(
    private readonly devices: Pick<DevicesService, 'listScreenSources' | 'selectScreenSource'>,
    options: PickerOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 1500;
    this.thumbnailWidth = options.thumbnailWidth ?? 320;
  }

  /** Opens the picker (or joins the one already open). */
  pick(): Promise<boolean> {
    if (this.pending) return this.pending.promise;
    let resolve!: (picked: boolean) => void;
    const promise = new Promise<boolean>((r) => (resolve = r));
    this.pending = { promise, resolve };
    this.generation += 1;
    this.state.set({ ...closed(this.state.get().tab), open: true, loading: true });
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    return promise;
  }

  setTab(tab: SourceTab): void {
    this.state.update((s) => ({ ...s, tab, selectedId: firstOf(s.sources, tab, null), error: null }));
  }

  select(sourceId: string): void {
    this.state.update((s) => (s.sources.some((source) => source.id === sourceId) ? { ...s, selectedId: sourceId, error: null } : s));
  }

  /** Shares the selected source: main is told, then the picker closes. */
  async confirm(): Promise<void> {
    const { open, selectedId } = this.state.get();
    if (!open || !selectedId) return;
    try {
      await this.devices.selectScreenSource({ sourceId: selectedId });
    } catch (error) {
      const gone = error instanceof ParleyError && error.code === ErrorCode.NotFound;
      this.state.update((s) => ({ ...s, error: gone ? 'That window has just closed. Pick another one.' : 'That could not be shared. Try again.' }));
      if (gone) await this.refresh();
      else console.warn('selectScreenSource() failed', error);
      return;
    }
    this.finish(true);
  }

  cancel(): void {
    this.finish(false);
  }

  private finish(picked: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.generation += 1;
    this.state.set(closed(this.state.get().tab));
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(picked);
  }

  private async refresh(): Promise<void> {
    if (this.listing) return;
    this.listing = true;
    const generation = this.generation;
    try {
      const sources = await this.devices.listScreenSources({ thumbnailWidth: this.thumbnailWidth });
      if (generation !== this.generation) return;
      this.state.update((s) => {
        const kept = s.selectedId !== null && sources.some((source) => source.id === s.selectedId) ? s.selectedId : null;
        const tab = s.loading && !sources.some((source) => source.kind === s.tab) && sources.length > 0 ? sources[0]!.kind : s.tab;
        return { ...s, sources, tab, loading: false, selectedId: kept ?? (s.loading ? firstOf(sources, tab, null) : null) };
      });
    } catch (error) {
      console.warn('listScreenSources() failed', error);
      if (generation === this.generation) this.state.update((s) => ({ ...s, loading: false, error: 'The screens and windows could not be listed.' }));
    } finally {
      this.listing = false;
    }
  }
}

function firstOf(sources: readonly ScreenSource[], tab: SourceTab, fallback: string | null): string | null {
  return sources.find((s) => s.kind === tab)?.id ?? fallback;
}
