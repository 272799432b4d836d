// xAPI (TinCan package) target: the whole course as one launchable activity, tracked in an LRS.
import type { Target } from "../target.js";
import { tincanXml } from "./tincan-xml.js";

export const xapiTarget: Target = {
  id: "xapi",
  title: "xAPI (TinCan)",
  runtimeEntry: "xapi",
  supportsUnits: false,
  zipName: (course) => `${course.slug}-xapi.zip`,
  controlFiles(course, units) {
    const launch = units[0]?.unit.file ?? "index.html";
    return [{ path: "tincan.xml", data: Buffer.from(tincanXml(course, launch)) }];
  },
};
