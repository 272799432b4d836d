// What IMS Content Packaging asks of a SCORM manifest beyond its XSDs, for every SCORM version (IMS CP 1.1.2
// used by SCORM 1.2, IMS CP 1.1.4 by SCORM 2004): unique NCName identifiers, a default organization, one
// title per organization and item, leaf items that launch a resource with an href, resources of type
// webcontent and a SCORM type, and every file present and listed. Checked in code against the files of the
// package; the rule ids are the ones `coursewright verify` reports.
import { hrefToPath } from "../../../package/href-path.js";
import { childrenNS, descendants, elementsNS, type XmlElement } from "../../../package/read-xml.js";
import { error, warning, type Finding } from "../../../verify/findings.js";

/** What differs between the SCORM versions' manifests. */
export interface CpDialect {
  /** The IMS CP namespace of the manifest's elements. */
  readonly ns: string;
  /** The resource's SCORM type (sco or asset), from the version's adlcp attribute. */
  scormType(resource: XmlElement): string | null;
  /** That attribute as written, for messages: adlcp:scormtype (1.2), adlcp:scormType (2004). */
  readonly scormTypeName: string;
  /** Files that need not be listed as a resource's <file> (the manifest and the schema files at the root). */
  isControlFile(name: string): boolean;
}

/** xsd:NCName restricted to ASCII: letter or '_' first, no ':' or spaces. */
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Rules 1.4–1.8 for the manifest `root` (already known to be a <manifest> in `dialect.ns`). */
export function cpStructureViolations(root: XmlElement, zipNames: ReadonlySet<string>, dialect: CpDialect): Finding[] {
  const cp = (el: XmlElement, name: string): XmlElement[] => childrenNS(el, dialect.ns, name);
  const cpAll = (name: string): XmlElement[] => elementsNS(root, dialect.ns, name);
  const scormtype = (resource: XmlElement): string | null => dialect.scormType(resource);
  const fileHrefs = (resource: XmlElement): string[] => cp(resource, "file").map((f) => f.attribute("href") ?? "");
  const isControlFile = (name: string): boolean => dialect.isControlFile(name);
  const out: Finding[] = [];

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
  const items = cpAll("item");
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
    if (type !== "sco" && type !== "asset") out.push(error("1.7", `resource '${id}' ${dialect.scormTypeName} is '${type ?? "(missing)"}', expected 'sco' or 'asset'`));
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
