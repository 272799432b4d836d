// The registry of standards. Adding a standard = its folder under src/standards/ + one line here.
import { cmi5 } from "./cmi5/standard.js";
import { scorm12 } from "./scorm12/standard.js";
import { scorm2004 } from "./scorm2004/standard.js";
import type { Standard } from "./standard.js";
import { tincan } from "./tincan/standard.js";
import { web } from "./web/standard.js";

export const STANDARDS: readonly Standard[] = [scorm12, scorm2004, tincan, cmi5, web];

export const STANDARD_IDS: readonly string[] = STANDARDS.map((s) => s.id);

/** The standard a `--target` name selects (its id or an alias), or undefined. */
export function findStandard(name: string): Standard | undefined {
  return STANDARDS.find((s) => s.id === name || s.aliases.includes(name));
}
