// One way to watch a SCO talk to the LMS: an API object that forwards every call to the real one and reports
// each call with its result and error code. Browser-safe: the player page and the rule checker share it.

export interface Scorm12ApiLike {
  LMSInitialize(arg: string): string;
  LMSFinish(arg: string): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: string): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

export interface RecordedCall {
  readonly fn: string;
  readonly args: readonly string[];
  readonly result: string;
  /** LMSGetLastError right after the call. */
  readonly error: string;
}

export function recordingApi(api: Scorm12ApiLike, onCall: (call: RecordedCall) => void): Scorm12ApiLike {
  const record = (fn: string, args: string[], run: () => string): string => {
    const result = String(run());
    onCall({ fn, args, result, error: String(api.LMSGetLastError()) });
    return result;
  };
  return {
    LMSInitialize: (a) => record("LMSInitialize", [a], () => api.LMSInitialize(a)),
    LMSFinish: (a) => record("LMSFinish", [a], () => api.LMSFinish(a)),
    LMSGetValue: (e) => record("LMSGetValue", [e], () => api.LMSGetValue(e)),
    LMSSetValue: (e, v) => record("LMSSetValue", [e, String(v)], () => api.LMSSetValue(e, v)),
    LMSCommit: (a) => record("LMSCommit", [a], () => api.LMSCommit(a)),
    LMSGetLastError: () => api.LMSGetLastError(),
    LMSGetErrorString: (c) => api.LMSGetErrorString(c),
    LMSGetDiagnostic: (c) => api.LMSGetDiagnostic(c),
  };
}
