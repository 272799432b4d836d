// TinCan package structure (TinCan launch, Rustici launch/lms_lrs.md; tincan.xsd). No npm package carries
// tincan.xsd, so the structure the schema requires is checked in code.
import { error, type Finding } from "../../../verify/findings.js";
import { ABSOLUTE_URL, hrefToPath } from "../../../package/href-path.js";
import { NS_TINCAN } from "../reader.js";
import { childrenNS, parseXml, XmlSyntaxError, type XmlElement } from "../../../package/read-xml.js";

const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

const children = (el: XmlElement, name: string): XmlElement[] => childrenNS(el, NS_TINCAN, name);

/** 6.2–6.3 for one tincan.xml, against the files of the package (relative to the package root). */
export function tincanViolations(xml: string, zipNames: ReadonlySet<string>): Finding[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    const line = err instanceof XmlSyntaxError ? ` (line ${err.line})` : "";
    return [error("6.2", `tincan.xml is not well-formed XML: ${err instanceof Error ? err.message : String(err)}${line}`)];
  }
  if (root.namespaceURI !== NS_TINCAN || root.localName !== "tincan") {
    return [error("6.1", `root element is {${root.namespaceURI ?? ""}}${root.localName}, expected <tincan xmlns="${NS_TINCAN}">`)];
  }
  const out: Finding[] = [];
  const lists = children(root, "activities");
  if (lists.length !== 1) out.push(error("6.2", `<tincan> has ${lists.length} <activities> elements, expected 1`));
  const activities = lists.flatMap((l) => children(l, "activity"));
  if (activities.length === 0) out.push(error("6.2", "<activities> holds no <activity>"));
  const ids = new Map<string, number>();
  const launches: { activity: string; launch: XmlElement }[] = [];
  for (const [i, a] of activities.entries()) {
    const id = a.attribute("id");
    const label = id ? `activity '${id}'` : `activity ${i + 1}`;
    if (!id) out.push(error("6.2", `${label} has no id`));
    else if (!IRI.test(id)) out.push(error("6.2", `${label}: id is not an absolute IRI`));
    else ids.set(id, (ids.get(id) ?? 0) + 1);
    const type = a.attribute("type");
    if (!type) out.push(error("6.2", `${label} has no type`));
    else if (!IRI.test(type)) out.push(error("6.2", `${label}: type '${type}' is not an IRI`));
    for (const part of ["name", "description"]) {
      const strings = children(a, part);
      if (strings.length === 0) out.push(error("6.2", `${label} has no <${part}>`));
      for (const s of strings) {
        if (!s.attribute("lang")) out.push(error("6.2", `${label}: <${part}> has no lang attribute`));
        if (!s.textContent.trim()) out.push(error("6.2", `${label}: <${part}> is empty`));
      }
    }
    for (const launch of children(a, "launch")) launches.push({ activity: label, launch });
  }
  for (const [id, n] of ids) if (n > 1) out.push(error("6.2", `activity id '${id}' is used ${n} times`));
  if (launches.length !== 1) {
    out.push(error("6.3", `${launches.length} activities carry <launch>${launches.length ? ` (${launches.map((l) => l.activity).join(", ")})` : ""}; expected exactly one`));
  }
  for (const { activity, launch } of launches) {
    const href = launch.textContent.trim();
    if (!href) out.push(error("6.3", `${activity}: <launch> is empty`));
    else if (!ABSOLUTE_URL.test(href) && !zipNames.has(hrefToPath(href))) out.push(error("6.3", `${activity}: launch file '${href}' is not in the package`));
  }
  return out;
}
