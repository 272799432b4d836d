// SCORM 1.2 manifest rules the XSD cannot check (SCORM 1.2 CAM §2.3, IMS CP 1.1.2), checked in code against
// the files of the package. Used by `coursewright verify` and by the generator's tests.
import { error, warning, type Finding } from "../../../verify/findings.js";
import { hrefToPath } from "../../../package/href-path.js";
import { childrenNS, descendants, elementsNS, parseXml, XmlSyntaxError, type XmlElement } from "../../../package/read-xml.js";
import { MANIFEST, NS_ADLCP } from "../reader.js";

export const NS_IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** The schema files a SCORM 1.2 package carries at its root (1.10). */
export const SCORM12_XSDS = ["imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"] as const;

/** xsd:NCName restricted to ASCII: letter or '_' first, no ':' or spaces. */
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Files that need not be listed as a resource's <file>: the manifest and schema files at the root. */
const isControlFile = (name: string): boolean => name === MANIFEST || (!name.includes("/") && /\.(xsd|dtd)$/i.test(name));

const cp = (el: XmlElement, name: string): XmlElement[] => childrenNS(el, NS_IMSCP, name);
const cpAll = (root: XmlElement, name: string): XmlElement[] => elementsNS(root, NS_IMSCP, name);
const scormtype = (resource: XmlElement): string | null => resource.attributeNS(NS_ADLCP, "scormtype");
const fileHrefs = (resource: XmlElement): string[] => cp(resource, "file").map((f) => f.attribute("href") ?? "");

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

  // 1.4 identifiers: NCNames, unique.
  const ids = new Map<string, number>();
  for (const el of [root, ...descendants(root)]) {
    const id = el.attribute("identifier");
    if (id === null) continue;
    if (!NCNAME.test(id)) out.push(error("1.4", `identifier '${id}' on <${el.localName}> is not an NCName`));
    ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  for (const [id, n] of ids) if (n > 1) out.push(error("1.4", `identifier '${id}' is used ${n} times`));

  // 1.5 default organization, one title per organization and item.
  const organizations = cp(root, "organizations");
  if (organizations.length !== 1) out.push(error("1.5", `${organizations.length} <organizations> elements`));
  const orgs = organizations.flatMap((o) => cp(o, "organization"));
  const orgIds = new Set(orgs.map((o) => o.attribute("identifier")));
  for (const o of organizations) {
    const def = o.attribute("default");
    if (def === null || !orgIds.has(def)) out.push(error("1.5", `organizations/@default '${def ?? ""}' names no <organization>`));
  }
  if (orgs.length === 0) out.push(error("1.5", "no <organization>"));
  const items = cpAll(root, "item");
  for (const el of [...orgs, ...items]) {
    const titles = cp(el, "title");
    const label = `<${el.localName} identifier="${el.attribute("identifier") ?? ""}">`;
    if (titles.length !== 1) out.push(error("1.5", `${label} has ${titles.length} <title> elements, expected 1`));
    else if (!titles[0]?.textContent.trim()) out.push(error("1.5", `${label} has an empty <title>`));
  }

  // 1.6 / 1.7 items → resources.
  const resources = cp(root, "resources").flatMap((r) => cp(r, "resource"));
  const byId = new Map(resources.map((r) => [r.attribute("identifier") ?? "", r]));
  for (const item of items) {
    const ref = item.attribute("identifierref");
    const label = `item '${item.attribute("identifier") ?? ""}'`;
    if (cp(item, "item").length > 0) {
      if (ref !== null) out.push(error("1.6", `${label} has child items and also references resource '${ref}'`));
      continue;
    }
    if (ref === null) {
      out.push(error("1.6", `leaf ${label} references no resource`));
      continue;
    }
    const res = byId.get(ref);
    if (!res) {
      out.push(error("1.4", `${label} identifierref '${ref}' names no <resource>`));
      continue;
    }
    // An asset is legal in 1.2 but reports nothing: worth knowing, not a failure.
    if (scormtype(res) !== "sco") out.push(warning("1.7", `${label} launches resource '${ref}' of scormtype '${scormtype(res) ?? ""}', expected 'sco'`));
    if (!res.attribute("href")) out.push(error("1.7", `resource '${ref}' launched by ${label} has no href`));
  }
  for (const res of resources) {
    const id = res.attribute("identifier") ?? "";
    if (res.attribute("type") !== "webcontent") out.push(error("1.7", `resource '${id}' type is '${res.attribute("type") ?? ""}', expected 'webcontent'`));
    const type = scormtype(res);
    if (type !== "sco" && type !== "asset") out.push(error("1.7", `resource '${id}' adlcp:scormtype is '${type ?? "(missing)"}', expected 'sco' or 'asset'`));
    for (const dep of cp(res, "dependency")) {
      const ref = dep.attribute("identifierref") ?? "";
      if (!byId.has(ref)) out.push(error("1.4", `resource '${id}' depends on '${ref}', which names no <resource>`));
    }
    // 1.8 launch file and every listed file are in the ZIP.
    const href = res.attribute("href");
    const files = fileHrefs(res);
    if (href !== null && !/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      const launch = hrefToPath(href);
      if (!zipNames.has(launch)) out.push(error("1.8", `resource '${id}' href '${href}' is not in the package`));
      if (!files.map(hrefToPath).includes(launch)) out.push(warning("1.8", `resource '${id}' does not list its launch file '${launch}' as <file>`));
    }
    for (const f of files) if (!zipNames.has(hrefToPath(f))) out.push(error("1.8", `resource '${id}' lists <file href="${f}">, which is not in the package`));
  }

  // 1.8 the other way round: every packaged file (besides manifest and XSDs) is listed by some resource.
  const listed = new Set(resources.flatMap(fileHrefs).map(hrefToPath));
  for (const name of zipNames) {
    if (!isControlFile(name) && !listed.has(name)) out.push(warning("1.8", `packaged file '${name}' is not listed as a <file> of any resource`));
  }
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
