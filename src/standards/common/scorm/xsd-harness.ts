// Offline XSD validation of a SCORM manifest with xmllint-wasm (libxml2 compiled to wasm; no system xmllint,
// no network), for every SCORM version: each version names its schema files (loaded into xmllint's flat
// in-memory file system by basename), its wrapper schema, and which messages are limits of the harness
// rather than faults of the package.
import { validateXML } from "xmllint-wasm";
import { xmlSyntaxError } from "../../../package/read-xml.js";

export interface SchemaText {
  readonly fileName: string;
  readonly contents: string;
}

export interface XsdHarness {
  /** For the harness-failure message: "SCORM 1.2". */
  readonly label: string;
  /** The schema files, by basename (read when a manifest is validated). */
  schemas(): readonly SchemaText[];
  /** The schema validated against: it imports every namespace the manifest uses. */
  wrapper(): SchemaText;
  /** A message about the manifest that the schema set cannot judge (reported as unchecked, not failed). */
  unchecked?(message: string): boolean;
}

export interface XsdResult {
  readonly valid: boolean;
  /** xmllint's messages, without file name and line. */
  readonly errors: readonly string[];
  /** Where the errors are, 1-based (same order as `errors`); 0 when xmllint names no line. */
  readonly lines: readonly number[];
  /** Messages the harness cannot judge (XsdHarness.unchecked): reported, not failed. */
  readonly unchecked: readonly string[];
  /** Set when the document is not well-formed XML, so no schema was applied: why. */
  readonly notWellFormed?: string;
}

/**
 * Validates `xml` (an imsmanifest.xml). Resolves `{ valid: false }` for an invalid document; rejects when the
 * schemas themselves cannot be loaded or compiled — a broken harness, which must not pass or fail the document.
 */
export async function validateManifestXsd(xml: string, harness: XsdHarness): Promise<XsdResult> {
  // Not well-formed (or declaring entities): never handed to libxml2, which would have to expand them. The
  // reason is the manifest rules' finding; said here too, it would be reported twice.
  const syntax = xmlSyntaxError(xml);
  if (syntax) return { valid: false, errors: [], lines: [], unchecked: [], notWellFormed: syntax.message };
  let result;
  try {
    result = await validateXML({
      xml: [{ fileName: "imsmanifest.xml", contents: xml }],
      schema: [harness.wrapper()],
      preload: [...harness.schemas()],
      // Never reach for the network: a schema that is not loaded must fail here, not pass elsewhere.
      modifyArguments: (args) => ["--nonet", ...args],
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`XSD harness failure: xmllint-wasm could not compile the ${harness.label} schemas: ${detail}`, { cause: err });
  }
  const errors: string[] = [];
  const lines: number[] = [];
  const unchecked: string[] = [];
  for (const e of result.errors) {
    // Only messages about the manifest: libxml2 also prints its remarks about the schema files.
    if (e.loc?.fileName !== "imsmanifest.xml") continue;
    if (harness.unchecked?.(e.message)) unchecked.push(e.message);
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
