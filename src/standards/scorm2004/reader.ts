// Recognises a SCORM 2004 package (an imsmanifest.xml in IMS CP 1.1.4's namespace, which every SCORM 2004
// edition uses) and reads the SCOs it offers, in the default organization's order (SCORM 2004 4th ed. CAM §3.4,
// the activity tree from <organization>/<item>). Any tool's package, not only ours: nested items, assets,
// launch parameters, 2nd/3rd-edition manifests (their adlcp and imsss namespaces are the 4th edition's).
import path from "node:path";
import { childrenNS, elementsNS, parseXml, rootNamespace, type XmlElement } from "../../package/read-xml.js";
import { error } from "../../verify/findings.js";
import type { LaunchUnit, PackageReader } from "../reader.js";
import { SCORM2004_NAMESPACES } from "./schema-files.js";

export const MANIFEST = "imsmanifest.xml";
const NS = SCORM2004_NAMESPACES;


/** CAM `adlcp:scormType` (camelCase in 2004); another tool's lowercase spelling is read too (verify reports it, rule 4.7). */
export const scormTypeOf = (resource: XmlElement): string | null => resource.attributeNS(NS.adlcp, "scormType") ?? resource.attributeNS(NS.adlcp, "scormtype");

/**
 * The launch URL of an item: the resource's href with the item's `parameters` (SCORM 2004 4th ed. CAM, <item>
 * parameters: a leading `?` or `&` is dropped and the rest joined with `?` or `&`, whichever the href needs;
 * a fragment is appended as it is).
 */
export function launchHref(href: string, parameters: string | null): string {
  const p = (parameters ?? "").trim();
  if (p === "") return href;
  if (p.startsWith("#")) return href + p;
  const rest = p.replace(/^[?&]+/, "");
  return rest === "" ? href : `${href}${href.includes("?") ? "&" : "?"}${rest}`;
}

/**
 * IMS SS 1.0 primaryObjective with satisfiedByMeasure: its minNormalizedMeasure is the pass mark the LMS hands the
 * SCO as cmi.scaled_passing_score (SCORM 2004 4th ed. RTE §4.2.19), as a percentage like SCORM 1.2's mastery score.
 */
function passMark(item: XmlElement): number | undefined {
  const primary = childrenNS(item, NS.imsss, "sequencing").flatMap((s) => childrenNS(s, NS.imsss, "objectives")).flatMap((o) => childrenNS(o, NS.imsss, "primaryObjective"))[0];
  if (!primary || primary.attribute("satisfiedByMeasure") !== "true") return undefined;
  const text = childrenNS(primary, NS.imsss, "minNormalizedMeasure")[0]?.textContent.trim() ?? "1.0"; // IMS SS 1.0: default 1.0
  const scaled = Number(text);
  return Number.isFinite(scaled) && scaled >= -1 && scaled <= 1 ? Math.round(Math.max(0, scaled) * 10000) / 100 : undefined;
}

/**
 * The objectives of an item's sequencing that have an objectiveID, primary first: the LMS lists them in
 * cmi.objectives before the SCO starts (SCORM 2004 4th ed. RTE §4.2.17; Moodle puts the primary one at index 0).
 */
function objectiveIds(item: XmlElement): string[] {
  const objectives = childrenNS(item, NS.imsss, "sequencing").flatMap((s) => childrenNS(s, NS.imsss, "objectives"));
  const ids = [...objectives.flatMap((o) => childrenNS(o, NS.imsss, "primaryObjective")), ...objectives.flatMap((o) => childrenNS(o, NS.imsss, "objective"))].map((o) => o.attribute("objectiveID") ?? "");
  return [...new Set(ids.filter(Boolean))];
}

export const scorm2004Reader: PackageReader = {
  controlFile: MANIFEST,

  recognise(names, text) {
    // The shallowest manifest, in any case: rule 4.1 then says where it should be.
    const control = names.filter((n) => path.posix.basename(n).toLowerCase() === MANIFEST).sort((a, b) => a.split("/").length - b.split("/").length)[0];
    if (control === undefined) return undefined;
    const xml = text(control);
    if (xml === undefined || rootNamespace(xml) !== NS.imscp) return undefined;
    const findings = control === MANIFEST ? [] : [error("4.1", `the manifest must be 'imsmanifest.xml' at the ZIP root, with no wrapping folder; found '${control}'`)];
    return { root: control.slice(0, control.length - MANIFEST.length), control, findings };
  },

  units(xml) {
    const root = parseXml(xml);
    const cp = (el: XmlElement | undefined, name: string): XmlElement[] => (el ? childrenNS(el, NS.imscp, name) : []);
    const organizations = cp(root, "organizations")[0];
    const orgs = cp(organizations, "organization");
    const org = orgs.find((o) => o.attribute("identifier") === organizations?.attribute("default")) ?? orgs[0];
    const resources = new Map(elementsNS(root, NS.imscp, "resource").map((r) => [r.attribute("identifier") ?? "", r]));
    const units: LaunchUnit[] = [];
    const walk = (items: readonly XmlElement[]): void => {
      for (const item of items) {
        const res = resources.get(item.attribute("identifierref") ?? "\u0000");
        const href = res?.attribute("href");
        if (res && href) {
          const id = item.attribute("identifier") ?? "";
          const mastery = passMark(item);
          const objectives = objectiveIds(item);
          units.push({
            id,
            title: cp(item, "title")[0]?.textContent.trim() || id,
            href: launchHref(href, item.attribute("parameters")),
            ...(mastery === undefined ? {} : { masteryScore: mastery }),
            ...(objectives.length ? { objectiveIds: objectives } : {}),
            // SCORM 2004 4th ed. CAM, <resource> adlcp:scormType: an asset does not talk to the LMS.
            ...(scormTypeOf(res) === "asset" ? { asset: true } : {}),
          });
        }
        walk(cp(item, "item"));
      }
    };
    walk(cp(org, "item"));
    return { title: cp(org, "title")[0]?.textContent.trim() || "SCORM 2004 package", units };
  },
};
