// SCORM 2004 manifest rules the XSDs cannot check (SCORM 2004 4th ed. CAM §3, IMS CP 1.1.4, IMS SS 1.0 as SN
// profiles it), checked in code against the files of the package. The IMS CP rules every SCORM version shares
// come from common/scorm/cp-rules.ts under the 2004 dialect, renumbered into verify's 4.x (1.4 → 4.4 …).
import { hrefToPath } from "../../../package/href-path.js";
import { childrenNS, descendants, parseXml, XmlSyntaxError, type XmlElement } from "../../../package/read-xml.js";
import { error, warning, type Finding } from "../../../verify/findings.js";
import { cpStructureViolations, type CpDialect } from "../../common/scorm/cp-rules.js";
import { MANIFEST, scormTypeOf } from "../reader.js";
import { SCORM2004_NAMESPACES } from "../schema-files.js";

const NS = SCORM2004_NAMESPACES;

/** CAM §3.4 metadata: the edition a package conforms to. Older editions' values are read (other tools' packages). */
const EDITION = "2004 4th Edition";
const OLDER_EDITIONS = new Set(["2004 3rd Edition", "CAM 1.3"]);

/** Files that need not be listed as a resource's <file>: the manifest and the schema files at the root. */
const isControlFile = (name: string): boolean => name === MANIFEST || (!name.includes("/") && /\.(xsd|dtd)$/i.test(name));

const DIALECT: CpDialect = {
  ns: NS.imscp,
  scormType: scormTypeOf,
  scormTypeName: "adlcp:scormType",
  isControlFile,
};

/** The shared CP rules' ids (1.4–1.8) in verify's SCORM 2004 numbering. */
const renumber = (f: Finding): Finding => ({ ...f, rule: f.rule.replace(/^1\./, "4.") });

export interface ManifestCheck {
  readonly findings: Finding[];
  /** Neither findings nor failures (an older edition's metadata). */
  readonly notes: string[];
}

/**
 * What SCORM 2004 4th ed. CAM asks of a manifest beyond its XSDs, checked against the files of the package
 * (`zipNames`, relative to the package root).
 */
export function scorm2004ManifestCheck(xml: string, zipNames: ReadonlySet<string>): ManifestCheck {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    const line = err instanceof XmlSyntaxError && err.line ? ` line ${err.line}` : "";
    return { findings: [error("4.11", `imsmanifest.xml${line}: not well-formed XML: ${err instanceof Error ? err.message : String(err)}`)], notes: [] };
  }
  if (root.namespaceURI !== NS.imscp || root.localName !== "manifest") {
    return { findings: [error("4.2", `root element is {${root.namespaceURI ?? ""}}${root.localName}, not an IMS CP 1.1.4 manifest`)], notes: [] };
  }
  const out: Finding[] = [];
  const notes: string[] = [];
  const cp = (el: XmlElement, name: string): XmlElement[] => childrenNS(el, NS.imscp, name);

  // 4.3 schema / schemaversion, exact strings (CAM §3.4: <metadata> of the manifest).
  const metadata = cp(root, "metadata");
  const schema = metadata.flatMap((m) => cp(m, "schema")).map((e) => e.textContent);
  const version = metadata.flatMap((m) => cp(m, "schemaversion")).map((e) => e.textContent);
  if (schema.length !== 1 || schema[0] !== "ADL SCORM") out.push(error("4.3", `metadata/schema is ${JSON.stringify(schema)}, expected ["ADL SCORM"]`));
  if (version.length === 1 && version[0] !== undefined && OLDER_EDITIONS.has(version[0])) {
    notes.push(`metadata/schemaversion is '${version[0]}': an earlier SCORM 2004 edition, checked with the 4th edition's rules`);
  } else if (version.length !== 1 || version[0] !== EDITION) {
    out.push(error("4.3", `metadata/schemaversion is ${JSON.stringify(version)}, expected ["${EDITION}"]`));
  }

  // 4.4–4.8: what IMS CP asks of any SCORM manifest.
  out.push(...cpStructureViolations(root, zipNames, DIALECT).map(renumber));
  // 4.7: SCORM 2004 spells the attribute in camelCase; a lowercase one is SCORM 1.2's and means nothing here.
  for (const res of cp(root, "resources").flatMap((r) => cp(r, "resource"))) {
    if (res.attributeNS(NS.adlcp, "scormtype") !== null) {
      out.push(error("4.7", `resource '${res.attribute("identifier") ?? ""}' has adlcp:scormtype (SCORM 1.2's spelling); SCORM 2004 reads adlcp:scormType`));
    }
  }
  out.push(...sequencingViolations(root));
  return { findings: out, notes };
}

/** The sequencing that governs an activity: its own <imsss:sequencing>, over the collection entry it names (IDRef). */
function controlMode(activity: XmlElement, collection: readonly XmlElement[]): { choice: boolean; flow: boolean } {
  const own = childrenNS(activity, NS.imsss, "sequencing")[0];
  const shared = own?.attribute("IDRef") ? collection.find((s) => s.attribute("ID") === own.attribute("IDRef")) : undefined;
  const mode = (s: XmlElement | undefined): XmlElement | undefined => (s ? childrenNS(s, NS.imsss, "controlMode")[0] : undefined);
  const read = (name: string, fallback: boolean): boolean => {
    const value = mode(own)?.attribute(name) ?? mode(shared)?.attribute(name);
    return value === null || value === undefined ? fallback : value === "true";
  };
  // SCORM 2004 4th ed. SN §3.2 (Sequencing Control Modes), defaults: choice true, flow false.
  return { choice: read("choice", true), flow: read("flow", false) };
}

/**
 * 4.9: where an organization offers several SCOs, its sequencing lets the learner go from one to the next
 * (SCORM 2004 4th ed. SN §3.2). Without flow an LMS shows no Continue/Previous between them (a warning: the
 * table of contents still works); with neither choice nor flow the second SCO can never be reached (an error).
 */
function sequencingViolations(root: XmlElement): Finding[] {
  const out: Finding[] = [];
  const collection = childrenNS(root, NS.imsss, "sequencingCollection").flatMap((c) => childrenNS(c, NS.imsss, "sequencing"));
  const organizations = childrenNS(root, NS.imscp, "organizations").flatMap((o) => childrenNS(o, NS.imscp, "organization"));
  const items = (el: XmlElement): XmlElement[] => childrenNS(el, NS.imscp, "item");
  for (const org of organizations) {
    // Each cluster (the organization or an item with child items) governs how its children are reached.
    const clusters = [org, ...descendants(org, (e) => e.namespaceURI === NS.imscp && e.localName === "item")].filter((c) => items(c).length >= 2);
    for (const cluster of clusters) {
      const { choice, flow } = controlMode(cluster, collection);
      const label = cluster === org ? `organization '${org.attribute("identifier") ?? ""}'` : `item '${cluster.attribute("identifier") ?? ""}'`;
      if (!choice && !flow) out.push(error("4.9", `${label} holds several activities but its sequencing allows neither choice nor flow: the learner cannot reach them`));
      else if (!flow) out.push(warning("4.9", `${label} holds several activities without imsss:controlMode flow="true": an LMS offers no Continue/Previous between them`));
    }
  }
  return out;
}

/** 4.10: every file named in xsi:schemaLocation shipped at the package root. */
export function scorm2004SchemaFileViolations(xml: string, zipNames: ReadonlySet<string>): Finding[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    return []; // reported as 4.11
  }
  const out: Finding[] = [];
  const locations = (root.attributeNS(NS.xsi, "schemaLocation") ?? "").trim().split(/\s+/).filter(Boolean);
  if (locations.length % 2 !== 0) out.push(error("4.10", "xsi:schemaLocation is not a list of namespace / location pairs"));
  for (const [i, location] of locations.entries()) {
    if (i % 2 === 1 && !/^[a-z][a-z0-9+.-]*:/i.test(location) && !zipNames.has(hrefToPath(location))) {
      out.push(warning("4.10", `xsi:schemaLocation names '${location}', which is not in the package`));
    }
  }
  return out;
}
