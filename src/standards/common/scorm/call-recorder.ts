// One way to watch a SCO talk to the LMS, for every SCORM version: an API object that forwards every call
// to the real one and reports each recorded call with its result and the error code right after it.
// Browser-safe: the player page and the rule checkers share it.

export interface RecordedCall {
  readonly fn: string;
  readonly args: readonly string[];
  readonly result: string;
  /** The API's last error right after the call. */
  readonly error: string;
}

/** An API object whose functions take and return strings (SCORM 1.2 RTE §3.2, SCORM 2004 RTE §3.1). */
export type StringApi<T> = { [K in keyof T]: (...args: string[]) => string };

export interface ApiDialect<T> {
  /** Every function of the API object. */
  readonly functions: readonly (keyof T & string)[];
  /** The ones recorded (the error functions are forwarded only). */
  readonly recorded: readonly (keyof T & string)[];
  /** The function that answers the last error code. */
  readonly lastError: keyof T & string;
}

export function recordingApi<T extends StringApi<T>>(api: T, dialect: ApiDialect<T>, onCall: (call: RecordedCall) => void): T {
  const wrapped: Partial<T> = {};
  for (const fn of dialect.functions) {
    const forward = (...args: string[]): string => api[fn](...args);
    const record = (...args: string[]): string => {
      const result = String(forward(...args));
      onCall({ fn, args: args.map(String), result, error: String(api[dialect.lastError]()) });
      return result;
    };
    wrapped[fn] = (dialect.recorded.includes(fn) ? record : forward) as T[typeof fn];
  }
  return wrapped as T;
}
