// imsmanifest.xml for SCORM 1.2 (SCORM 1.2 CAM §2.3, IMS CP 1.1.2). Validated against the ADL XSDs in the tests.
import type { Course } from "../../model/course.js";
import type { BuiltUnit } from "../packager.js";
import { esc, ncname } from "../../package/xml.js";

export const SCORM12_SCHEMA_FILES = ["adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd"] as const;

const NS = {
  imscp: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
  adlcp: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
  imsmd: "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

// Not under the `RES-` prefix of unit resources: a session with id `shared` must not collide with it.
const SHARED_RESOURCE = "SHARED-assets";

/**
 * `adlcp:masteryscore` only where the LMS's own pass/fail decision (it compares score.raw with it on
 * LMSFinish) matches the reporting option: with `passed/failed`. With `*\/incomplete` it would turn a
 * not-yet-passed learner into `failed`, and with `completed/*` it would replace `completed` by `passed`.
 */
function masteryFor(course: Course, unit: BuiltUnit["unit"]): string {
  return unit.assessment && unit.reporting === "passed/failed"
    ? `\n        <adlcp:masteryscore>${course.masteryScore}</adlcp:masteryscore>`
    : "";
}

export function scorm12Manifest(course: Course, units: readonly BuiltUnit[], shared: readonly string[]): string {
  const orgId = ncname("ORG-", course.slug);
  const items = units
    .map(
      (u) => `      <item identifier="${ncname("ITEM-", u.unit.id)}" identifierref="${ncname("RES-", u.unit.id)}" isvisible="true">
        <title>${esc(u.unit.title, `title of unit ${u.unit.id}`)}</title>${masteryFor(course, u.unit)}
      </item>`,
    )
    .join("\n");
  const resources = units
    .map(
      (u) => `    <resource identifier="${ncname("RES-", u.unit.id)}" type="webcontent" adlcp:scormtype="sco" href="${esc(u.unit.file, "launch file")}">
${u.files.map((f) => `      <file href="${esc(f, "file path")}"/>`).join("\n")}
      <dependency identifierref="${SHARED_RESOURCE}"/>
    </resource>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ncname("MANIFEST-", course.slug)}" version="${esc(course.version, "course version")}"
    xmlns="${NS.imscp}" xmlns:adlcp="${NS.adlcp}" xmlns:xsi="${NS.xsi}"
    xsi:schemaLocation="${NS.imscp} imscp_rootv1p1p2.xsd ${NS.imsmd} imsmd_rootv1p2p1.xsd ${NS.adlcp} adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${orgId}">
    <organization identifier="${orgId}">
      <title>${esc(course.title, "course title")}</title>
${items}
    </organization>
  </organizations>
  <resources>
${resources}
    <resource identifier="${SHARED_RESOURCE}" type="webcontent" adlcp:scormtype="asset">
${shared.map((f) => `      <file href="${esc(f, "file path")}"/>`).join("\n")}
    </resource>
  </resources>
</manifest>
`;
}
