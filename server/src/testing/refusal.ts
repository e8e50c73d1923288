import { RequestError } from './TestClient';

/** 'ok', or the code a request was refused with (`CODE: message` with `withMessage`). */
export async function refusal(promise: Promise<unknown>, withMessage = false): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof RequestError)) return String(error);
    return withMessage ? `${error.code}: ${error.message}` : error.code;
  }
}

/** 'ok', or `CODE/reason` for a refused request (`CODE/-` when the server gave no reason). */
export async function refusalReason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof RequestError)) return String(error);
    return `${error.code}/${error.reason ?? '-'}`;
  }
}
