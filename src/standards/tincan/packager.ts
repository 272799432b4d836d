// TinCan packages (xAPI with the TinCan launch): the whole course as one launchable activity, tracked in an LRS.
import { activityTable } from "../common/xapi/activity-table.js";
import { TINCAN_MESSAGES } from "./messages.js";
import type { Packager } from "../packager.js";
import { tincanCourseLimits } from "./course-limits.js";
import { tincanXml } from "./tincan-xml.js";

export const tincanPackager: Packager = {
  supportsUnits: false,
  // The LRS endpoint is a launch parameter (TinCan launch: `endpoint`), unknown at build time: any http(s)
  // origin. https: for hosted LRSs; http: because LMS-hosted LRSs on intranets (and the development LRS on
  // 127.0.0.1) are plain http, and an https page is kept from them by mixed-content blocking anyway. The
  // scheme list still shuts out ws:, data:, blob: and the like.
  connectSrc: ["'self'", "https:", "http:"],
  messages: TINCAN_MESSAGES,
  // Every activity the runtime names, with its full definition: looked up at run time, not built there.
  runtimeData: activityTable,
  // Named for its launch, not "xapi": other launches of xAPI content have packages of their own.
  zipName: (course) => `${course.slug}-tincan.zip`,
  courseLimits: tincanCourseLimits,
  controlFiles(course, units) {
    const launch = units[0]?.unit.file ?? "index.html";
    return [{ path: "tincan.xml", data: Buffer.from(tincanXml(course, launch)) }];
  },
};
