// Offline XSD validation of SCORM 1.2 manifests with xmllint-wasm (libxml2 compiled to wasm; no system
// xmllint, no network). The ADL schema files are the ones our packages ship (vendor/adl-scorm12/),
// loaded into xmllint's flat in-memory file system by basename, plus our wrapper schema beside this file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";
import { SCORM12_SCHEMA_FILES } from "../manifest.js";
import { SCORM12_SCHEMA_DIR } from "../packager.js";
import { xmlSyntaxError } from "../../../package/read-xml.js";

// Beside this module: this folder from source, and the compiled lib/ folder (scripts/compile.mjs copies it there).
export const SCORM12_WRAPPER_XSD = fileURLToPath(new URL("./scorm12-manifest-wrapper.xsd", import.meta.url));

const NS_IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1";

export interface XsdResult {
  readonly valid: boolean;
  /** xmllint's messages, without file name and line. */
  readonly errors: readonly string[];
  /** Where the errors are, 1-based (same order as `errors`). */
  readonly lines: readonly number[];
  /** IMS MD elements the schema set cannot check (see the wrapper schema): reported, not failed. */
  readonly unchecked: readonly string[];
  /** Set when the document is not well-formed XML, so no schema was applied: why (reported by manifestViolations). */
  readonly notWellFormed?: string;
}

/**
 * Validates a SCORM 1.2 imsmanifest.xml against the ADL XSDs (imscp_rootv1p1p2, adlcp_rootv1p2), through
 * the wrapper schema that makes the adlcp elements in imscp's strict wildcards checkable.
 * Resolves `{ valid: false }` for an invalid document; rejects when the schemas themselves cannot be
 * loaded or compiled — a broken harness, which must not pass or fail the document.
 */
export async function validateScorm12Manifest(xml: string): Promise<XsdResult> {
  // Not well-formed (or declaring entities): never handed to libxml2, which would have to expand them. The
  // reason is a 1.11 finding of manifestViolations; said here too, it would be reported twice.
  const syntax = xmlSyntaxError(xml);
  if (syntax) return { valid: false, errors: [], lines: [], unchecked: [], notWellFormed: syntax.message };
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
  const errors: string[] = [];
  const lines: number[] = [];
  const unchecked: string[] = [];
  for (const e of result.errors) {
    // Only messages about the manifest: libxml2 also prints its complaints about the schema files
    // (ims_xml.xsd declares the xml namespace as default), which say nothing about the package.
    if (e.loc?.fileName !== "imsmanifest.xml") continue;
    // libxml2 cannot compile imsmd_rootv1p2p1.xsd, so IMS MD metadata meets a strict wildcard with no
    // declaration: a limit of the harness, not a fault of the package.
    if (e.message.includes(`{${NS_IMSMD}}`) && /No matching global (element|attribute) declaration/.test(e.message)) unchecked.push(e.message);
    else {
      errors.push(e.message);
      lines.push(e.loc.lineNumber);
    }
  }
  if (!result.valid && errors.length === 0 && unchecked.length === 0) {
    errors.push(result.rawOutput.trim().split("\n").at(-1) ?? "xmllint rejected the manifest");
    lines.push(0);
  }
  return { valid: errors.length === 0, errors, lines, unchecked };
}
