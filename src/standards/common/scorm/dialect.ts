// What differs between SCORM versions at the API level, so one tracker base serves both: the API object's
// name and how far to look for it, how its eight functions are named, and which error codes mean "this value
// or element is wrong" (sending it again cannot succeed).

export interface ScormDialect {
  /** For messages: "SCORM 1.2", "SCORM 2004". */
  readonly label: string;
  /** Window property the LMS exposes the API as. */
  readonly apiName: string;
  /** Parent frames to climb before giving up (ADL's discovery algorithms). */
  readonly maxHops: number;
  /**
   * Put before the functions' common names (Initialize, GetValue, SetValue, Commit, GetLastError,
   * GetErrorString, GetDiagnostic): SCORM 1.2's are LMSInitialize …, SCORM 2004's have no prefix.
   */
  readonly prefix: string;
  /** The function that ends the session, without the prefix: SCORM 1.2 LMSFinish, SCORM 2004 Terminate. */
  readonly terminate: string;
  /** Error codes after a refused SetValue that say the value or element is wrong: reported once, not retried. */
  readonly valueErrors: ReadonlySet<string>;
}
