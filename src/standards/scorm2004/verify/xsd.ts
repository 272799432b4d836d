// Offline XSD validation of SCORM 2004 4th edition manifests through the shared xmllint-wasm harness (no
// system xmllint, no network). The ADL schema files are the ones our packages ship (vendor/adl-scorm2004/),
// loaded into xmllint's flat in-memory file system by basename, plus our wrapper schema beside this file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateManifestXsd, type XsdHarness, type XsdResult } from "../../common/scorm/xsd-harness.js";
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

export type { XsdResult } from "../../common/scorm/xsd-harness.js";

const HARNESS: XsdHarness = {
  label: "SCORM 2004",
  schemas: () => SCORM2004_SCHEMA_FILES.map((name) => ({ fileName: name, contents: applyCatalog(fs.readFileSync(path.join(SCORM2004_SCHEMA_DIR, name), "utf8")) })),
  wrapper: () => ({ fileName: "scorm2004-manifest-wrapper.xsd", contents: fs.readFileSync(SCORM2004_WRAPPER_XSD, "utf8") }),
};

/**
 * Validates a SCORM 2004 imsmanifest.xml against the ADL XSDs (imscp_v1p1, adlcp_v1p3, adlseq_v1p3,
 * adlnav_v1p3, imsss_v1p0) through the wrapper schema, with the shared harness: `{ valid: false }` for an
 * invalid document; rejects when the schemas themselves cannot be loaded or compiled.
 */
export const validateScorm2004Manifest = (xml: string): Promise<XsdResult> => validateManifestXsd(xml, HARNESS);
