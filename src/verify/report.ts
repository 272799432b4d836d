// The human report of `coursewright verify` (the JSON report is PackageReport itself). What is particular to
// a standard (its static checks, its per-unit table) comes from the standard's verify facet.
import { findStandard } from "../standards/registry.js";
import type { VerifyRules } from "../standards/verify-rules.js";
import type { Finding } from "./findings.js";
import type { PackageReport, UnitReport } from "./verify.js";

const contentLabel = (u: UnitReport): string => (u.kind === "coursewright" ? "Coursewright" : u.kind);

const findingLine = (f: Finding): string => `  [${f.rule}]${f.unit ? ` ${f.unit}:` : ""} ${f.message}`;

export async function formatReport(r: PackageReport): Promise<string> {
  const out: string[] = [];
  const standard = r.standard === null ? undefined : findStandard(r.standard);
  out.push(`${r.file}`);
  if (r.fatal) {
    out.push(`  cannot verify: ${r.fatal}`, "", "Result: NOT VERIFIED (exit 2)");
    return out.join("\n");
  }
  const rules: VerifyRules | undefined = await standard?.verify?.();
  out.push(`  ${standard?.title ?? "unknown"}${r.title ? ` · "${r.title}"` : ""} · ${r.files} files${r.units.length ? ` · ${r.units.length} unit${r.units.length === 1 ? "" : "s"}` : ""}`);
  out.push("");
  out.push("Static checks");
  out.push(...(rules?.staticLines(r.schema, r.findings.filter((f) => !f.unit)) ?? []).map((l) => `  ${l}`));
  for (const n of r.notes) out.push(`  note: ${n}`);
  out.push("");
  if (!r.played) {
    out.push(`Learner journey: not run — ${r.notPlayedBecause ?? "unknown reason"}`);
  } else {
    out.push(`Learner journey in Chromium (${standard?.simulation?.lms ?? "the LMS-like player"})`);
    const units = r.units.map((u) => ({ id: u.id, content: contentLabel(u), ...(u.summary ? { summary: u.summary } : {}) }));
    out.push(...(rules?.unitLines(units) ?? []).map((l) => `  ${l}`));
    const journeys = new Map<string, string[]>();
    for (const u of r.units) {
      const key = u.journey.join("; ");
      journeys.set(key, [...(journeys.get(key) ?? []), u.id]);
    }
    for (const [steps, ids] of journeys) out.push(`  ${ids.length > 3 ? `${ids.length} units` : ids.join(", ")}: ${steps}`);
    for (const u of r.units) for (const p of u.browserProblems.slice(0, 5)) out.push(`  note: ${u.id}: ${p}`);
  }
  out.push("");
  const errors = r.findings.filter((f) => f.severity === "error");
  const warnings = r.findings.filter((f) => f.severity === "warning");
  out.push(errors.length ? `Violations (${errors.length})` : "Violations: none");
  out.push(...errors.map(findingLine));
  if (warnings.length) out.push(`Warnings (${warnings.length}, not failures)`, ...warnings.map(findingLine));
  out.push("");
  out.push(r.exitCode === 0 ? "Result: PASS (exit 0)" : r.exitCode === 1 ? "Result: FAIL (exit 1)" : "Result: NOT VERIFIED (exit 2): static checks only");
  return out.join("\n");
}
