import { ParleyError } from '../../src-common/errors';
import { HistoryMainService, type HistoryMainServiceOptions } from './HistoryMainService';

export type OpenedHistory = { history: HistoryMainService; problem: null } | { history: null; problem: string };

/**
 * Opens the history for the app, or says in words why there is none this time: the app runs on
 * without it (a newer schema is refused and left untouched; anything else unexpected is logged).
 */
export async function openHistoryService(options: HistoryMainServiceOptions): Promise<OpenedHistory> {
  try {
    return { history: await HistoryMainService.create(options), problem: null };
  } catch (error) {
    options.logger.error('openHistoryService() | the history is not available', error);
    return {
      history: null,
      problem: error instanceof ParleyError ? error.message : 'The meeting history could not be opened; the log file has the details.',
    };
  }
}
