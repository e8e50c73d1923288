/**
 * One counted use of a shared thing that may still be in the making: `counted.uses` goes up at
 * once (so a concurrent last release does not tear the thing down under this caller) and down
 * exactly once, on `release()` or when `ready` fails; `released` then decides whether it was the last.
 */
export async function countedUse<T>(counted: { uses: number }, ready: Promise<T>, released: () => void): Promise<{ value: T; release: () => void }> {
  counted.uses++;
  let done = false;
  const release = (): void => {
    if (done) return;
    done = true;
    counted.uses--;
    released();
  };
  try {
    return { value: await ready, release };
  } catch (error) {
    release();
    throw error;
  }
}
