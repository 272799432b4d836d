// Offline XSD validation of cmi5.xml against the cmi5 course structure schema (cmi5 §13.2; vendor/cmi5/, the
// specification repository's CourseStructure.xsd, byte-for-byte) through the shared xmllint-wasm harness.
import fs from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../../../paths.js";
import { validateManifestXsd, type XsdHarness, type XsdResult } from "../../common/scorm/xsd-harness.js";

export const CMI5_XSD = path.join(PACKAGE_ROOT, "vendor", "cmi5", "CourseStructure.xsd");

export type { XsdResult } from "../../common/scorm/xsd-harness.js";

const HARNESS: XsdHarness = {
  label: "cmi5 course structure",
  schemas: () => [],
  // The schema has no imports: it is its own wrapper.
  wrapper: () => ({ fileName: "CourseStructure.xsd", contents: fs.readFileSync(CMI5_XSD, "utf8") }),
};

/** `{ valid: false }` for a cmi5.xml the schema refuses; rejects when the schema itself cannot be loaded. */
export const validateCourseStructure = (xml: string): Promise<XsdResult> => validateManifestXsd(xml, HARNESS);
