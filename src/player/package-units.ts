// What an unpacked package offers to launch, and which standard's LMS plays it: the registry's readers
// recognise the control file at the folder's root (src/standards/detect.ts, as verify does) and read its
// units. Works for any package of a standard the player can simulate, not only ours.
import fs from "node:fs";
import path from "node:path";
import { detectPackage } from "../standards/detect.js";
import type { PackageUnits } from "../standards/reader.js";
import type { Simulation } from "../standards/simulation.js";
import type { Standard } from "../standards/standard.js";
import { TextMemo } from "../text-memo.js";

export type { LaunchUnit } from "../standards/reader.js";

export interface PackageInfo extends PackageUnits {
  readonly standard: Standard;
  readonly simulation: Simulation;
}

const readUnits = new TextMemo<PackageUnits>(16);

export function readPackage(dir: string): PackageInfo {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
  const text = (name: string): string | undefined => (names.includes(name) ? fs.readFileSync(path.join(dir, name), "utf8") : undefined);
  const detected = detectPackage(names, text);
  if ("unknown" in detected) throw new Error(`${dir} has ${detected.unknown} at its root`);
  if ("notSupported" in detected) throw new Error(`${dir} holds ${detected.notSupported}, which the player cannot play`);
  const { standard, reader, recognised } = detected;
  if (!standard.simulation) throw new Error(`the player has no LMS for ${standard.title} packages`);
  let units: PackageUnits;
  try {
    // An edit of a page leaves the control file as it was: preview's rebuilds read it once (text-memo.ts).
    const control = text(recognised.control) ?? "";
    units = readUnits.get(`${standard.id}\0${control}`, () => reader.units(control));
  } catch (err) {
    throw new Error(`${recognised.control} cannot be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return { ...units, standard, simulation: standard.simulation };
}
