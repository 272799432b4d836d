// The course structure rules the XSD cannot check (cmi5 §13.1, §14.1): ids that are IRIs and unique, an AU
// url that names a file of the package, a masteryScore of at most 4 decimals, and a pass mark where the
// moveOn criterion asks for a pass.
import { ABSOLUTE_URL, hrefToPath } from "../../../package/href-path.js";
import { error, warning, type Finding } from "../../../verify/findings.js";
import { iriProblem } from "../../common/xapi/limits.js";
import { auEntries } from "../reader.js";

export function structureFindings(xml: string, files: ReadonlySet<string>): Finding[] {
  let parsed: ReturnType<typeof auEntries>;
  try {
    parsed = auEntries(xml);
  } catch (err) {
    return [error("13.2", `cmi5.xml cannot be read: ${err instanceof Error ? err.message : String(err)}`)];
  }
  const out: Finding[] = [];
  if (parsed.aus.length === 0) out.push(error("13.1", "the course structure holds no AU"));
  const seen = new Set<string>();
  for (const au of parsed.aus) {
    const label = `AU '${au.id || au.title}'`;
    const problem = iriProblem(au.id);
    if (problem) out.push(error("13.1.4", `${label}: its id ${problem}`));
    if (seen.has(au.id)) out.push(error("13.1.4", `${label}: the id is used by another AU; it must be unique in the course structure`));
    seen.add(au.id);
    if (!au.url) out.push(error("13.1.4", `${label} has no url`));
    else if (!ABSOLUTE_URL.test(au.url) && !files.has(hrefToPath(au.url))) out.push(error("14.1", `${label}: its url '${au.url}' names no file of the package`));
    if (au.masteryScore !== undefined && Math.round(au.masteryScore * 10000) !== au.masteryScore * 10000) out.push(error("13.1.4", `${label}: masteryScore ${au.masteryScore} has more than 4 decimal places`));
    if (au.masteryScore === undefined && /Passed/.test(au.moveOn)) out.push(warning("13.1.4", `${label}: moveOn ${au.moveOn} without a masteryScore leaves the pass mark to the AU alone`));
  }
  return out;
}
