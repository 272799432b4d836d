// Offline XSD validation of SCORM 1.2 manifests through the shared xmllint-wasm harness. The ADL schema
// files are the ones our packages ship (vendor/adl-scorm12/), plus our wrapper schema beside this file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCORM12_SCHEMA_FILES } from "../manifest.js";
import { SCORM12_SCHEMA_DIR } from "../packager.js";
import { validateManifestXsd, type XsdHarness, type XsdResult } from "../../common/scorm/xsd-harness.js";

// Beside this module: this folder from source, and the compiled lib/ folder (scripts/compile.mjs copies it there).
export const SCORM12_WRAPPER_XSD = fileURLToPath(new URL("./scorm12-manifest-wrapper.xsd", import.meta.url));

const NS_IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1";

export type { XsdResult } from "../../common/scorm/xsd-harness.js";

const HARNESS: XsdHarness = {
  label: "SCORM 1.2",
  schemas: () => SCORM12_SCHEMA_FILES.map((name) => ({ fileName: name, contents: fs.readFileSync(path.join(SCORM12_SCHEMA_DIR, name), "utf8") })),
  wrapper: () => ({ fileName: "scorm12-manifest-wrapper.xsd", contents: fs.readFileSync(SCORM12_WRAPPER_XSD, "utf8") }),
  // libxml2 cannot compile imsmd_rootv1p2p1.xsd, so IMS MD metadata meets a strict wildcard with no
  // declaration: a limit of the harness, not a fault of the package.
  unchecked: (message) => message.includes(`{${NS_IMSMD}}`) && /No matching global (element|attribute) declaration/.test(message),
};

/**
 * Validates a SCORM 1.2 imsmanifest.xml against the ADL XSDs (imscp_rootv1p1p2, adlcp_rootv1p2), through
 * the wrapper schema that makes the adlcp elements in imscp's strict wildcards checkable; IMS MD metadata
 * comes back as `unchecked`.
 */
export const validateScorm12Manifest = (xml: string): Promise<XsdResult> => validateManifestXsd(xml, HARNESS);
