// imsmanifest.xml for SCORM 1.2 (SCORM 1.2 CAM §2.3, IMS CP 1.1.2), written by the shared IMS CP writer.
// Validated against the ADL XSDs in the tests.
import type { Course } from "../../model/course.js";
import type { BuiltUnit } from "../packager.js";
import { writeCpManifest } from "../common/ims-cp/manifest-writer.js";
import { itemId, manifestId, organizationId, resourceId, unitResources } from "../common/ims-cp/unit-resources.js";
import { xmlElement } from "../common/ims-cp/xml-element.js";

export const SCORM12_SCHEMA_FILES = ["adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd"] as const;

const NS = {
  imscp: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
  adlcp: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
  imsmd: "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

/**
 * `adlcp:masteryscore` only where the LMS's own pass/fail decision (it compares score.raw with it on
 * LMSFinish) matches the reporting option: with `passed/failed`. With `*\/incomplete` it would turn a
 * not-yet-passed learner into `failed`, and with `completed/*` it would replace `completed` by `passed`.
 */
function masteryFor(course: Course, unit: BuiltUnit["unit"]): string[] {
  return unit.assessment && unit.reporting === "passed/failed" ? [xmlElement("adlcp:masteryscore", {}, String(course.masteryScore))] : [];
}

export function scorm12Manifest(course: Course, units: readonly BuiltUnit[], shared: readonly string[]): string {
  return writeCpManifest({
    identifier: manifestId(course),
    version: course.version,
    namespaces: [
      { prefix: "", uri: NS.imscp },
      { prefix: "adlcp", uri: NS.adlcp },
      { prefix: "xsi", uri: NS.xsi },
    ],
    // IMS MD is named (the files ship) though the manifest carries no metadata of it.
    schemaLocation: [
      [NS.imscp, "imscp_rootv1p1p2.xsd"],
      [NS.imsmd, "imsmd_rootv1p2p1.xsd"],
      [NS.adlcp, "adlcp_rootv1p2.xsd"],
    ],
    schemaVersion: "1.2",
    scormTypeAttribute: "adlcp:scormtype",
    organization: {
      identifier: organizationId(course),
      title: course.title,
      items: units.map((u) => ({ identifier: itemId(u.unit.id), identifierref: resourceId(u.unit.id), title: u.unit.title, extensions: masteryFor(course, u.unit) })),
      extensions: [],
    },
    resources: unitResources(units, shared),
  });
}
