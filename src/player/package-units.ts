// What an unpacked package offers to launch: SCORM 1.2 SCOs from imsmanifest.xml (in organization order),
// or the TinCan launch activity from tincan.xml. Works for any package of those kinds, not only ours.
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

export type Standard = "scorm12" | "xapi";

export interface LaunchUnit {
  readonly id: string;
  readonly title: string;
  /** Launch path relative to the package root (may carry a query string). */
  readonly href: string;
  readonly masteryScore?: number;
}

export interface PackageInfo {
  readonly standard: Standard;
  readonly title: string;
  readonly units: readonly LaunchUnit[];
  /** xAPI: the course activity id from tincan.xml. */
  readonly activityId?: string;
}

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => ["item", "resource", "organization", "activity", "file"].includes(name) });

const text = (v: unknown): string => (typeof v === "string" ? v : v && typeof v === "object" && "#text" in v ? String((v as Node)["#text"]) : "");

export function readPackage(dir: string): PackageInfo {
  const manifest = path.join(dir, "imsmanifest.xml");
  if (fs.existsSync(manifest)) return readScorm12(fs.readFileSync(manifest, "utf8"));
  const tincan = path.join(dir, "tincan.xml");
  if (fs.existsSync(tincan)) return readTincan(fs.readFileSync(tincan, "utf8"));
  throw new Error(`${dir} has neither imsmanifest.xml nor tincan.xml at its root`);
}

function readScorm12(xml: string): PackageInfo {
  const doc = parser.parse(xml) as Node;
  const m = (doc["manifest"] ?? {}) as Node;
  const orgs = ((m["organizations"] ?? {}) as Node);
  const list = (orgs["organization"] ?? []) as Node[];
  const org = list.find((o) => o["@identifier"] === orgs["@default"]) ?? list[0];
  const resources = new Map<string, Node>();
  for (const r of ((m["resources"] as Node | undefined)?.["resource"] ?? []) as Node[]) resources.set(String(r["@identifier"]), r);
  const units: LaunchUnit[] = [];
  const walk = (items: Node[]): void => {
    for (const item of items) {
      const ref = item["@identifierref"];
      const res = typeof ref === "string" ? resources.get(ref) : undefined;
      if (res && typeof res["@href"] === "string") {
        const params = typeof item["@parameters"] === "string" ? item["@parameters"] : "";
        const mastery = Number(text(item["masteryscore"]));
        units.push({
          id: String(item["@identifier"]),
          title: text(item["title"]) || String(item["@identifier"]),
          href: res["@href"] + params,
          ...(text(item["masteryscore"]) !== "" && Number.isFinite(mastery) ? { masteryScore: mastery } : {}),
        });
      }
      walk((item["item"] ?? []) as Node[]);
    }
  };
  walk((org?.["item"] ?? []) as Node[]);
  return { standard: "scorm12", title: text(org?.["title"]) || "SCORM package", units };
}

function readTincan(xml: string): PackageInfo {
  const doc = parser.parse(xml) as Node;
  const activities = (((doc["tincan"] as Node | undefined)?.["activities"] as Node | undefined)?.["activity"] ?? []) as Node[];
  const launchable = activities.find((a) => a["launch"] !== undefined);
  if (!launchable) throw new Error("tincan.xml has no activity with a <launch>");
  const title = text(launchable["name"]) || "xAPI package";
  return {
    standard: "xapi",
    title,
    activityId: String(launchable["@id"]),
    units: [{ id: String(launchable["@id"]), title, href: text(launchable["launch"]) }],
  };
}
