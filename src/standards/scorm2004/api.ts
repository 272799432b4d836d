// The SCORM 2004 API object, API_1484_11 (SCORM 2004 4th ed. RTE §3.1): its eight functions, as the recorder
// and the rules see them. Browser-safe.
import { recordingApi, type ApiDialect, type RecordedCall } from "../common/scorm/call-recorder.js";

export interface Scorm2004ApiLike {
  Initialize(arg: string): string;
  Terminate(arg: string): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: string): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

const DIALECT: ApiDialect<Scorm2004ApiLike> = {
  functions: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"],
  // RTE §3.1.4 support methods (GetLastError, GetErrorString, GetDiagnostic) change no state: forwarded only.
  recorded: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"],
  lastError: "GetLastError",
};

/** `api`, with every call but the error functions reported to `onCall`. */
export const recordScorm2004Calls = (api: Scorm2004ApiLike, onCall: (call: RecordedCall) => void): Scorm2004ApiLike => recordingApi(api, DIALECT, onCall);
