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
