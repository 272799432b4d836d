// `--target` values: a standard's id or alias, or `all`. A mistyped name gets the nearest known one.
import { nearestName } from "../content/suggest.js";
import { STANDARDS, findStandard } from "./registry.js";
import type { Standard } from "./standard.js";

/** The standards a `--target` value selects, or a one-line message saying what was expected. */
export function standardsNamed(value: string, allowAll = true): readonly Standard[] | string {
  if (allowAll && value === "all") return STANDARDS;
  const found = findStandard(value);
  if (found) return [found];
  const known = [...STANDARDS.flatMap((s) => [s.id, ...s.aliases]), ...(allowAll ? ["all"] : [])];
  const near = nearestName(value, known);
  return `unknown target '${value}'${near ? ` — did you mean '${near}'?` : ""}; expected one of: ${known.join(", ")}`;
}

/** For help texts: each id, with its aliases in brackets. */
export function targetList(): string {
  return STANDARDS.map((s) => (s.aliases.length ? `${s.id} (or ${s.aliases.join(", ")})` : s.id)).join(", ");
}
