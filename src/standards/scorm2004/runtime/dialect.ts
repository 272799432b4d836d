// SCORM 2004 at the API level (SCORM 2004 4th ed. RTE ch.3): `API_1484_11`, its eight functions, and the
// error codes that say a value or element is wrong (RTE ch.3, error codes).
import type { ScormDialect } from "../../common/scorm/dialect.js";

export const SCORM2004: ScormDialect = {
  label: "SCORM 2004",
  apiName: "API_1484_11",
  /** RTE ch.3, API instance discovery (ADL's algorithm): up to 500 parent frames, then the opener's chain. */
  maxHops: 500,
  prefix: "",
  terminate: "Terminate",
  /**
   * 201 general argument error, 401 undefined element, 402 unimplemented element, 404 read only, 405 write
   * only, 406 type mismatch, 407 value out of range, 408 dependency not established: the same value cannot
   * pass later. 351 general set failure and a throw may.
   */
  valueErrors: new Set(["201", "401", "402", "404", "405", "406", "407", "408"]),
};
