// What differs between SCORM versions at the API level, so one tracker base serves both: the API object's
// name and how far to look for it, the eight function names, and which error codes mean "this value or
// element is wrong" (sending it again cannot succeed).

export interface ScormDialect {
  /** For messages: "SCORM 1.2", "SCORM 2004". */
  readonly label: string;
  /** Window property the LMS exposes the API as. */
  readonly apiName: string;
  /** Parent frames to climb before giving up (ADL's discovery algorithms). */
  readonly maxHops: number;
  readonly initialize: string;
  readonly terminate: string;
  readonly getValue: string;
  readonly setValue: string;
  readonly commit: string;
  readonly getLastError: string;
  readonly getErrorString: string;
  readonly getDiagnostic: string;
  /** Error codes after a refused SetValue that say the value or element is wrong: reported once, not retried. */
  readonly valueErrors: ReadonlySet<string>;
}
