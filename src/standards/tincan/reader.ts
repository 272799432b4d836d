// Recognises a TinCan package (a tincan.xml; TinCan launch, Rustici launch/lms_lrs.md) and reads its one
// launch activity. Any tool's package, not only ours.
import { childrenNS, parseXml } from "../../package/read-xml.js";
import { error, type Finding } from "../../verify/findings.js";
import type { PackageReader } from "../reader.js";

export const NS_TINCAN = "http://projecttincan.com/tincan.xsd";
export const TINCAN = "tincan.xml";

/**
 * 6.1: exactly one tincan.xml; the folder holding it is the package root and may be nested only under
 * folders that hold nothing else. Returns that root ("" for the ZIP root) or undefined when there is none.
 */
export function tincanRoot(zipNames: readonly string[]): { root: string | undefined; findings: Finding[] } {
  const found = zipNames.filter((n) => n === TINCAN || n.endsWith(`/${TINCAN}`));
  if (found.length === 0) return { root: undefined, findings: [] };
  const findings: Finding[] = [];
  if (found.length > 1) findings.push(error("6.1", `the package has ${found.length} tincan.xml files (${found.join(", ")}); expected exactly one`));
  const shallowest = [...found].sort((a, b) => a.split("/").length - b.split("/").length)[0] ?? TINCAN;
  const root = shallowest.slice(0, -TINCAN.length);
  if (root) {
    const outside = zipNames.filter((n) => !n.startsWith(root));
    if (outside.length) findings.push(error("6.1", `tincan.xml is in '${root}', but the folders above it hold other files too (${outside.slice(0, 3).join(", ")})`));
  }
  return { root, findings };
}

export const tincanReader: PackageReader = {
  controlFile: TINCAN,

  recognise(names) {
    const { root, findings } = tincanRoot(names);
    return root === undefined ? undefined : { root, control: root + TINCAN, findings };
  },

  units(xml) {
    const root = parseXml(xml);
    const activities = childrenNS(root, NS_TINCAN, "activities").flatMap((list) => childrenNS(list, NS_TINCAN, "activity"));
    const launchable = activities.find((a) => childrenNS(a, NS_TINCAN, "launch").length > 0);
    if (!launchable) throw new Error("tincan.xml has no activity with a <launch>");
    const id = launchable.attribute("id") ?? "";
    const title = childrenNS(launchable, NS_TINCAN, "name")[0]?.textContent.trim() || "TinCan package";
    const href = childrenNS(launchable, NS_TINCAN, "launch")[0]?.textContent.trim() ?? "";
    return { title, activityId: id, units: [{ id, title, href }] };
  },
};
