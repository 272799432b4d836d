// The SCORM 1.2 API object (SCORM 1.2 RTE §3.2): its functions, as the recorder and the rules see them.
// Browser-safe.
import { recordingApi, type ApiDialect, type RecordedCall } from "../common/scorm/call-recorder.js";

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

const DIALECT: ApiDialect<Scorm12ApiLike> = {
  functions: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  recorded: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"],
  lastError: "LMSGetLastError",
};

/** `api`, with every call but the error functions reported to `onCall`. */
export const recordScorm12Calls = (api: Scorm12ApiLike, onCall: (call: RecordedCall) => void): Scorm12ApiLike => recordingApi(api, DIALECT, onCall);
