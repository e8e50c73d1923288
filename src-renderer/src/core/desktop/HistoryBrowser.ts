import type { HistoryNotice, HistoryService, MeetingDetails, MeetingId, MeetingSummary } from '../../../../src-common/ipc/history';
import { Store } from '../base/Store';

export interface HistoryBrowserState {
  query: string;
  meetings: MeetingSummary[];
  loading: boolean;
  /** The last failure, in words for the user. */
  error: string | null;
  /** Something about the history file the user must be told (a damaged file was replaced). */
  notice: HistoryNotice | null;
  /** The meeting whose details are open. */
  selected: MeetingDetails | null;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The History screen's state, framework-free: the list (newest first) for the current search,
 * one meeting's details, delete and clear. Answers to an older search never overwrite a newer one.
 */
export class HistoryBrowser {
  readonly state = new Store<HistoryBrowserState>({ query: '', meetings: [], loading: false, error: null, notice: null, selected: null });
  private searchSeq = 0;

  constructor(private readonly history: HistoryService) {}

  async load(): Promise<void> {
    const notice = await this.history.getNotice({}).catch(() => null);
    this.state.update((s) => ({ ...s, notice }));
    await this.search(this.state.get().query);
  }

  async search(query: string): Promise<void> {
    const seq = ++this.searchSeq;
    this.state.update((s) => ({ ...s, query, loading: true }));
    try {
      const meetings = await this.history.list({ query });
      if (seq === this.searchSeq) this.state.update((s) => ({ ...s, meetings, loading: false, error: null }));
    } catch (error) {
      if (seq === this.searchSeq) this.state.update((s) => ({ ...s, loading: false, error: `The history could not be read: ${message(error)}` }));
    }
  }

  async open(meetingId: MeetingId): Promise<void> {
    try {
      const selected = await this.history.get({ meetingId });
      this.state.update((s) => ({ ...s, selected, error: null }));
    } catch (error) {
      this.state.update((s) => ({ ...s, selected: null, error: `That meeting could not be opened: ${message(error)}` }));
    }
  }

  close(): void {
    this.state.update((s) => ({ ...s, selected: null }));
  }

  async delete(meetingId: MeetingId): Promise<void> {
    try {
      await this.history.delete({ meetingId });
      this.state.update((s) => ({
        ...s,
        selected: s.selected?.meetingId === meetingId ? null : s.selected,
        meetings: s.meetings.filter((m) => m.meetingId !== meetingId),
      }));
    } catch (error) {
      this.state.update((s) => ({ ...s, error: `The meeting could not be deleted: ${message(error)}` }));
    }
    await this.search(this.state.get().query);
  }

  async clear(): Promise<void> {
    try {
      await this.history.clear({});
      this.state.update((s) => ({ ...s, meetings: [], selected: null }));
    } catch (error) {
      this.state.update((s) => ({ ...s, error: `The history could not be cleared: ${message(error)}` }));
    }
  }
}
