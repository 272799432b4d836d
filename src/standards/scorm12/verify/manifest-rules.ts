// SCORM 1.2 manifest rules the XSD cannot check (SCORM 1.2 CAM §2.3, IMS CP 1.1.2), checked in code against
// the files of the package. Used by `coursewright verify` and by the generator's tests.
import { error, warning, type Finding } from "../../../verify/findings.js";
import { hrefToPath } from "../../../package/href-path.js";
import { childrenNS, parseXml, XmlSyntaxError, type XmlElement } from "../../../package/read-xml.js";
import { cpStructureViolations, type CpDialect } from "../../common/scorm/cp-rules.js";
import { MANIFEST, NS_ADLCP } from "../reader.js";

export const NS_IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** The schema files a SCORM 1.2 package carries at its root (1.10). */
export const SCORM12_XSDS = ["imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"] as const;

/** Files that need not be listed as a resource's <file>: the manifest and schema files at the root. */
const isControlFile = (name: string): boolean => name === MANIFEST || (!name.includes("/") && /\.(xsd|dtd)$/i.test(name));

const cp = (el: XmlElement, name: string): XmlElement[] => childrenNS(el, NS_IMSCP, name);

const DIALECT: CpDialect = {
  ns: NS_IMSCP,
  scormType: (resource) => resource.attributeNS(NS_ADLCP, "scormtype"),
  scormTypeName: "adlcp:scormtype",
  isControlFile,
};

/**
 * What SCORM 1.2 CAM §2.3 asks of a SCORM 1.2 manifest beyond its XSD, checked against the files of the
 * package (`zipNames`, relative to the package root). Empty = conformant.
 */
export function manifestViolations(xml: string, zipNames: ReadonlySet<string>): Finding[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    const line = err instanceof XmlSyntaxError && err.line ? ` line ${err.line}` : "";
    return [error("1.11", `imsmanifest.xml${line}: not well-formed XML: ${err instanceof Error ? err.message : String(err)}`)];
  }
  const out: Finding[] = [];
  if (root.namespaceURI !== NS_IMSCP || root.localName !== "manifest") {
    return [error("1.2", `root element is {${root.namespaceURI ?? ""}}${root.localName}, not an IMS CP 1.1.2 manifest`)];
  }

  // 1.3 schema / schemaversion, exact strings.
  const metadata = cp(root, "metadata");
  const schema = metadata.flatMap((m) => cp(m, "schema")).map((e) => e.textContent);
  const version = metadata.flatMap((m) => cp(m, "schemaversion")).map((e) => e.textContent);
  if (schema.length !== 1 || schema[0] !== "ADL SCORM") out.push(error("1.3", `metadata/schema is ${JSON.stringify(schema)}, expected ["ADL SCORM"]`));
  if (version.length !== 1 || version[0] !== "1.2") out.push(error("1.3", `metadata/schemaversion is ${JSON.stringify(version)}, expected ["1.2"]`));

  // 1.4–1.8: what IMS CP asks of any SCORM manifest.
  out.push(...cpStructureViolations(root, zipNames, DIALECT));
  return out;
}

/** The same checks as "rule: message" lines (what the generator's tests compare). */
export function manifestProblems(xml: string, zipNames: ReadonlySet<string>): string[] {
  return manifestViolations(xml, zipNames).map((f) => `${f.rule}: ${f.message}`);
}

/** 1.10: the ADL schema files at the package root, and every file named in xsi:schemaLocation shipped. */
export function schemaFileViolations(xml: string, zipNames: ReadonlySet<string>): Finding[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return []; // reported by manifestViolations
  }
  const out: Finding[] = [];
  const missing = SCORM12_XSDS.filter((x) => !zipNames.has(x));
  if (missing.length) out.push(warning("1.10", `schema files missing at the package root: ${missing.join(", ")}`));
  const locations = (root.attributeNS(NS_XSI, "schemaLocation") ?? "").trim().split(/\s+/).filter(Boolean);
  if (locations.length % 2 !== 0) out.push(error("1.10", "xsi:schemaLocation is not a list of namespace / location pairs"));
  for (const [i, location] of locations.entries()) {
    if (i % 2 === 1 && !/^[a-z][a-z0-9+.-]*:/i.test(location) && !zipNames.has(hrefToPath(location))) {
      out.push(warning("1.10", `xsi:schemaLocation names '${location}', which is not in the package`));
    }
  }
  return out;
}
