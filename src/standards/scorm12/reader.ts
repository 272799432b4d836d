// Recognises a SCORM 1.2 package (an imsmanifest.xml that is not in SCORM 2004's IMS CP namespace) and reads
// the SCOs it offers, in the default organization's order (SCORM 1.2 CAM §2.3.4–2.3.5). Any tool's package,
// not only ours: the CP elements are read in whatever namespace the manifest's root uses, so a foreign
// manifest with a wrong namespace still plays (verify reports the namespace as rule 1.2).
import path from "node:path";
import { childrenNS, elementsNS, parseXml, rootNamespace, type XmlElement } from "../../package/read-xml.js";
import { error } from "../../verify/findings.js";
import type { LaunchUnit, PackageReader } from "../reader.js";

export const MANIFEST = "imsmanifest.xml";
export const NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
/** SCORM 2004's content packaging namespace (IMS CP 1.1.4): a manifest in it is not SCORM 1.2. */
const NS_IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1";


export const scorm12Reader: PackageReader = {
  controlFile: MANIFEST,

  recognise(names, text) {
    // The shallowest manifest, in any case: rule 1.1 then says where it should be.
    const control = names.filter((n) => path.posix.basename(n).toLowerCase() === MANIFEST).sort((a, b) => a.split("/").length - b.split("/").length)[0];
    if (control === undefined) return undefined;
    const xml = text(control);
    if (xml !== undefined && rootNamespace(xml) === NS_IMSCP_2004) return { other: "a SCORM 2004 package (IMS CP 1.1 manifest)" };
    const findings = control === MANIFEST ? [] : [error("1.1", `the manifest must be 'imsmanifest.xml' at the ZIP root, with no wrapping folder; found '${control}'`)];
    return { root: control.slice(0, control.length - MANIFEST.length), control, findings };
  },

  units(xml) {
    const root = parseXml(xml);
    const ns = root.namespaceURI ?? "";
    const cp = (el: XmlElement | undefined, name: string): XmlElement[] => (el ? childrenNS(el, ns, name) : []);
    const organizations = cp(root, "organizations")[0];
    const orgs = cp(organizations, "organization");
    const org = orgs.find((o) => o.attribute("identifier") === organizations?.attribute("default")) ?? orgs[0];
    const resources = new Map(elementsNS(root, ns, "resource").map((r) => [r.attribute("identifier") ?? "", r]));
    const units: LaunchUnit[] = [];
    const walk = (items: readonly XmlElement[]): void => {
      for (const item of items) {
        const res = resources.get(item.attribute("identifierref") ?? "\u0000");
        const href = res?.attribute("href");
        if (res && href) {
          const id = item.attribute("identifier") ?? "";
          const mastery = childrenNS(item, NS_ADLCP, "masteryscore")[0]?.textContent.trim() ?? "";
          units.push({
            id,
            title: cp(item, "title")[0]?.textContent.trim() || id,
            href: href + (item.attribute("parameters") ?? ""),
            ...(mastery !== "" && Number.isFinite(Number(mastery)) ? { masteryScore: Number(mastery) } : {}),
            // SCORM 1.2 CAM §2.3.6.1: an asset does not talk to the LMS.
            ...(res.attributeNS(NS_ADLCP, "scormtype") === "asset" ? { asset: true } : {}),
          });
        }
        walk(cp(item, "item"));
      }
    };
    walk(cp(org, "item"));
    return { title: cp(org, "title")[0]?.textContent.trim() || "SCORM package", units };
  },
};
