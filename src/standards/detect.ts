// What kind of package a ZIP (or an unpacked folder) is: the one detection path of verify and the player.
// Every registered standard's reader is asked; the first that claims the package has it.
import { STANDARDS } from "./registry.js";
import type { PackageReader, Recognised } from "./reader.js";
import type { Standard } from "./standard.js";

export interface Detected {
  readonly standard: Standard;
  readonly reader: PackageReader;
  readonly recognised: Recognised;
}

/** Packages Coursewright recognises but has no standard for yet, asked before the readers: a cmi5 course
 * structure (cmi5 §14: cmi5.xml at the root of the course package) may sit beside an imsmanifest.xml. */
const NOT_YET: readonly { readonly controlFile: string; readonly what: string }[] = [{ controlFile: "cmi5.xml", what: "a cmi5 package" }];

const readers = (): { standard: Standard; reader: PackageReader }[] => STANDARDS.flatMap((standard) => (standard.reader ? [{ standard, reader: standard.reader }] : []));

/**
 * The standard whose package this is, or why none: `notSupported` for a kind of package known but not
 * supported ("a cmi5 package"), `unknown` naming the control files looked for.
 */
export function detectPackage(names: readonly string[], text: (name: string) => string | undefined): Detected | { readonly notSupported: string } | { readonly unknown: string } {
  const all = readers();
  for (const kind of NOT_YET) {
    if (names.includes(kind.controlFile) && !all.some((r) => r.reader.controlFile === kind.controlFile)) return { notSupported: kind.what };
  }
  let other: string | undefined;
  for (const { standard, reader } of all) {
    const found = reader.recognise(names, text);
    if (!found) continue;
    if ("other" in found) other ??= found.other;
    else return { standard, reader, recognised: found };
  }
  if (other) return { notSupported: other };
  // One entry per control file: several standards may read the same one (imsmanifest.xml).
  const byFile = new Map<string, string[]>();
  for (const r of all) {
    const sought = r.reader.lookedFor ?? r.reader.controlFile;
    byFile.set(sought, [...(byFile.get(sought) ?? []), r.standard.title]);
  }
  const looked = [...byFile].map(([file, titles]) => `${file} (${titles.join(" or ")})`);
  return { unknown: `neither ${looked.join(" nor ")}` };
}

/** The titles of the standards verify and the player can read, as a list in words ("A, B and C"). */
export function readableStandards(): string {
  const titles = readers().map((r) => r.standard.title);
  return titles.length > 1 ? `${titles.slice(0, -1).join(", ")} and ${titles.at(-1) ?? ""}` : (titles[0] ?? "no");
}
