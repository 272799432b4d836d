// SCORM 1.2 at the API level (SCORM 1.2 RTE §3.3): `API`, the LMS… functions and the value error codes.
import type { ScormDialect } from "../../common/scorm/dialect.js";

export const SCORM12: ScormDialect = {
  label: "SCORM 1.2",
  apiName: "API",
  /** ADL's sample discovery code stops after 7 hops. */
  maxHops: 7,
  prefix: "LMS",
  terminate: "Finish",
  /**
   * SCORM 1.2 RTE §3.3.3 error codes that say the value or element itself is wrong (201 invalid argument,
   * 401 not implemented, 402 keyword, 403 read-only, 404 write-only, 405 incorrect data type): sending it
   * again cannot succeed. Anything else (101 general, a throw) may pass.
   */
  valueErrors: new Set(["201", "401", "402", "403", "404", "405"]),
};
