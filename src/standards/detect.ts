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

/** Every reader, in the registry's order. */
const readers = (): { standard: Standard; reader: PackageReader }[] => STANDARDS.flatMap((standard) => (standard.reader ? [{ standard, reader: standard.reader }] : []));

/**
 * The standard whose package this is, or why none: `notSupported` for a kind of package a reader knows but
 * does not support (its `other` answer), `unknown` naming the control files looked for.
 */
export function detectPackage(names: readonly string[], text: (name: string) => string | undefined): Detected | { readonly notSupported: string } | { readonly unknown: string } {
  const all = readers();
  let other: string | undefined;
  // Those that claim a package first (PackageReader.first) before the others.
  for (const { standard, reader } of [...all.filter((r) => r.reader.first), ...all.filter((r) => !r.reader.first)]) {
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
