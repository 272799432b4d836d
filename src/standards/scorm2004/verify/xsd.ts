// Offline XSD validation of SCORM 2004 4th edition manifests with xmllint-wasm (libxml2 compiled to wasm; no
// system xmllint, no network). The ADL schema files are the ones our packages ship (vendor/adl-scorm2004/),
// loaded into xmllint's flat in-memory file system by basename, plus our wrapper schema beside this file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";
import { xmlSyntaxError } from "../../../package/read-xml.js";
import { SCORM2004_SCHEMA_DIR, SCORM2004_SCHEMA_FILES } from "../schema-files.js";

// Beside this module: this folder from source, and the compiled lib/ folder (scripts/compile.mjs copies it there).
export const SCORM2004_WRAPPER_XSD = fileURLToPath(new URL("./scorm2004-manifest-wrapper.xsd", import.meta.url));

/**
 * An XML catalog (OASIS XML Catalogs 1.1 `system`/`uri` entries) for the one remote reference of the set:
 * imscp_v1p1.xsd imports the xml namespace from http://www.w3.org/2001/xml.xsd. libxml2 inside xmllint-wasm
 * has no catalog support and no network, so the mapping is applied to the schema text in memory; the files
 * on disk and in packages stay byte-for-byte ADL's.
 */
export const SCORM2004_CATALOG: Readonly<Record<string, string>> = { "http://www.w3.org/2001/xml.xsd": "xml.xsd" };

/** `text` with every schemaLocation the catalog knows pointed at its local file. */
export function applyCatalog(text: string, catalog: Readonly<Record<string, string>> = SCORM2004_CATALOG): string {
  return text.replace(/(schemaLocation\s*=\s*)(["'])([^"']*)\2/g, (whole, attr: string, quote: string, uri: string) => {
    const local = catalog[uri];
    return local === undefined ? whole : `${attr}${quote}${local}${quote}`;
  });
}

export interface Scorm2004XsdResult {
  readonly valid: boolean;
  /** xmllint's messages, without file name and line. */
  readonly errors: readonly string[];
  /** Where the errors are, 1-based (same order as `errors`); 0 when xmllint names no line. */
  readonly lines: readonly number[];
  /** Set when the document is not well-formed XML, so no schema was applied: why. */
  readonly notWellFormed?: string;
}

/**
 * Validates a SCORM 2004 imsmanifest.xml against the ADL XSDs (imscp_v1p1, adlcp_v1p3, adlseq_v1p3,
 * adlnav_v1p3, imsss_v1p0) through the wrapper schema. Resolves `{ valid: false }` for an invalid document;
 * rejects when the schemas themselves cannot be loaded or compiled — a broken harness, which must not pass or
 * fail the document.
 */
export async function validateScorm2004Manifest(xml: string): Promise<Scorm2004XsdResult> {
  // Not well-formed (or declaring entities): never handed to libxml2, which would have to expand them.
  const syntax = xmlSyntaxError(xml);
  if (syntax) return { valid: false, errors: [], lines: [], notWellFormed: syntax.message };
  const preload = SCORM2004_SCHEMA_FILES.map((name) => ({
    fileName: name,
    contents: applyCatalog(fs.readFileSync(path.join(SCORM2004_SCHEMA_DIR, name), "utf8")),
  }));
  const wrapper = { fileName: "scorm2004-manifest-wrapper.xsd", contents: fs.readFileSync(SCORM2004_WRAPPER_XSD, "utf8") };
  let result;
  try {
    result = await validateXML({
      xml: [{ fileName: "imsmanifest.xml", contents: xml }],
      schema: [wrapper],
      preload,
      // Never reach for the network: a schema the catalog does not map must fail here, not pass elsewhere.
      modifyArguments: (args) => ["--nonet", ...args],
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`XSD harness failure: xmllint-wasm could not compile the SCORM 2004 schemas: ${detail}`, { cause: err });
  }
  const errors: string[] = [];
  const lines: number[] = [];
  for (const e of result.errors) {
    // Only messages about the manifest, not libxml2's remarks while loading the schema files.
    if (e.loc?.fileName !== "imsmanifest.xml") continue;
    errors.push(e.message);
    lines.push(e.loc.lineNumber);
  }
  if (!result.valid && errors.length === 0) {
    errors.push(result.rawOutput.trim().split("\n").at(-1) ?? "xmllint rejected the manifest");
    lines.push(0);
  }
  return { valid: errors.length === 0, errors, lines };
}
