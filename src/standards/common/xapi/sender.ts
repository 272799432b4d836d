// The one delivery loop for what the runtime sends an LRS (the statements, the progress document): one
// request in flight at a time, exponential back-off after a failure (a click during an outage sends
// nothing; the timer does), and every answer reported, so the tracker says once that the LRS is away
// and once that it is back.

/** Where the runtime keeps what the LRS has not confirmed yet (localStorage). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Where nothing can be kept (storage blocked): everything still goes out from memory while the page lives. */
export const NO_STORE: KeyValueStore = { getItem: () => null, setItem: () => {} };

/** `text` as JSON (through `reviver`, when given); undefined when it is none (or missing). */
export function parseJson(text: string | null | undefined, reviver?: (key: string, value: unknown) => unknown): unknown {
  try {
    return JSON.parse(text || "", reviver);
  } catch {
    return undefined;
  }
}

/** Keeps `value` as JSON under `key`; storage full or blocked: it still goes out from memory while the page lives. */
export function keep(store: KeyValueStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    /* see above */
  }
}

/** Whether the LRS answered, and whether that answer ends a run of failures (a recovery). */
export type LinkReport = (ok: boolean, recovered: boolean) => void;

/**
 * Sends by turns: `turn` makes one request for what is waiting and says whether to go on; it reports its
 * answer with `ok` (delivered) or `fail` (retry later). The statement queue and the State writer are
 * senders. The state lives in the constructor's closure, so the bundle's minifier can shorten it.
 */
export class Sender {
  /** Failed turns since the last delivery. */
  failures = 0;
  /** A loop of turns is running. */
  busy = false;
  /** Turns until one says stop; while a loop runs, the same loop (which picks up what came meanwhile). */
  readonly flush: () => Promise<void>;
  /** A run on the next tick, so what the same task adds goes out in the same request. */
  readonly soon: () => void;
  /** The LRS answered elsewhere after an outage: send now rather than at the end of the back-off. */
  readonly kick: () => void;
  /** For good (the page is going away, or a test is over): no timer, no further turn. */
  readonly stop: () => void;
  /** The LRS took it. */
  readonly ok: () => void;
  /**
   * Try again after the back-off (exponential from `baseMs` × `slower`, 20 % jitter, at most a minute), and not
   * before `minSeconds` (an LRS's Retry-After); `outage`: the LRS could not be reached (or could not take it
   * now), which the tracker says.
   */
  readonly fail: (outage: boolean, minSeconds?: number, slower?: number) => void;

  constructor(turn: () => Promise<boolean>, onLink: LinkReport, baseMs = 1000) {
    let loop: Promise<void>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = (this.flush = () => {
      if (!this.busy) {
        this.busy = true;
        clearTimeout(timer);
        loop = (async () => {
          try {
            while (!stopped && (await turn()));
          } finally {
            this.busy = false;
          }
        })();
      }
      return loop;
    });
    // A timer that fires after `stop` finds the loop stopped.
    const later = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(run, ms);
    };
    this.soon = () => later(0);
    this.kick = () => {
      if (this.failures) later(0);
    };
    this.stop = () => {
      stopped = true;
      clearTimeout(timer);
    };
    this.ok = () => {
      // A kick this report causes finds this sender's own loop still running, and joins it.
      onLink(true, this.failures > 0);
      this.failures = 0;
    };
    this.fail = (outage, minSeconds = 0, slower = 1) => {
      if (outage) onLink(false, false);
      later(Math.max(minSeconds * 1000, Math.min(60_000, baseMs * slower * 2 ** this.failures++) * (1 + 0.2 * Math.random())));
    };
  }
}
