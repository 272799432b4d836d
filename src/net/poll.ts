// Waiting on something outside the process (a browser, a server, the LRS): one sleep and one polling loop
// for the player, verify and the tests.

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it yields a truthy value (returned) or `ms` have passed (undefined). */
export async function poll<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms: number, everyMs = 50): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) return undefined;
    await sleep(everyMs);
  }
}

/** As poll, but a timeout is an error naming what was awaited (for tests and steps that must happen). */
export async function until<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, ms = 20_000, everyMs = 20): Promise<T> {
  const value = await poll(probe, ms, everyMs);
  if (!value) throw new Error(`timed out waiting for ${what}`);
  return value;
}
