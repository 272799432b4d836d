// cmi5 packages (cmi5 §14.1: a ZIP with cmi5.xml at its root): one AU for the course, or one per session plus
// the assessment, each launched by the LMS with the cmi5 launch parameters and tracked in its LRS.
import { activityTable } from "../common/xapi/activity-table.js";
import type { Packager } from "../packager.js";
import { cmi5CourseLimits } from "./course-limits.js";
import { CMI5_XML, courseStructure } from "./course-structure.js";
import { CMI5_MESSAGES } from "./messages.js";

export const cmi5Packager: Packager = {
  supportsUnits: true,
  // The LRS endpoint and the fetch URL are launch parameters (cmi5 §8.1), unknown at build time: any http(s)
  // origin, as for any xAPI launch (plain http for intranet LMSs and the development LMS on 127.0.0.1).
  connectSrc: ["'self'", "https:", "http:"],
  messages: CMI5_MESSAGES,
  // Every activity the runtime names, with its full definition, below the AU's activity id.
  runtimeData: activityTable,
  zipName: (course, options) => `${course.slug}-cmi5${options.scoPerSession ? "-per-session" : ""}.zip`,
  courseLimits: cmi5CourseLimits,
  controlFiles: (course, units) => [{ path: CMI5_XML, data: Buffer.from(courseStructure(course, units)) }],
};
