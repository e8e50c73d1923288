/**
 * Polls `condition` until it returns something truthy and resolves with that value; rejects
 * naming `description` after `timeoutMs`. Tests wait on facts, never on sleeps.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  description: string,
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${description}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
