// The human report of `coursewright verify` (the JSON report is PackageReport itself).
import type { Finding } from "./findings.js";
import type { PackageReport, UnitReport } from "./verify.js";

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const [head, ...body] = rows;
  return head ? [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)] : [];
}

const kindLabel = (u: UnitReport): string => (u.kind === "coursewright" ? "Coursewright" : u.kind);

function scormRows(units: readonly UnitReport[]): string[] {
  const rows = [["unit", "content", "lesson_status", "score.raw", "objectives", "interactions", "API calls", "commits", "finish", "suspend_data", "session_time"]];
  for (const u of units) {
    const s = u.scorm12;
    if (!s) {
      rows.push([u.id, kindLabel(u), "–", "–", "–", "–", "–", "–", "–", "–", "–"]);
      continue;
    }
    const time = s.sessionTime === undefined ? "(not set)" : `${s.sessionTime} ${s.sessionTimeOk ? "ok" : "BAD FORMAT"}`;
    rows.push([
      u.id,
      kindLabel(u),
      s.lessonStatus || "–",
      s.scoreRaw || "–",
      String(s.objectives),
      String(s.interactions),
      String(s.apiCalls),
      String(s.commits),
      String(s.finishes),
      `${s.suspendDataLength} / 4096`,
      time,
    ]);
  }
  return table(rows, new Set([3, 4, 5, 6, 7, 8, 9]));
}

function xapiRows(units: readonly UnitReport[]): string[] {
  const lines: string[] = [];
  for (const u of units) {
    const x = u.xapi;
    lines.push(`${u.id} (${kindLabel(u)})`);
    if (!x) continue;
    lines.push(`  ${x.statements} statements in the LRS${x.rejectedRequests ? `, ${x.rejectedRequests} requests refused` : ""}`);
    if (x.statements === 0) continue;
    const rows = [["verb", "count"], ...Object.entries(x.byVerb).map(([verb, n]) => [verb, String(n)])];
    lines.push(...table(rows, new Set([1])).map((l) => `  ${l}`));
  }
  return lines;
}

const findingLine = (f: Finding): string => `  [${f.rule}]${f.unit ? ` ${f.unit}:` : ""} ${f.message}`;

export function formatReport(r: PackageReport): string {
  const out: string[] = [];
  const kind = r.standard === "scorm12" ? "SCORM 1.2" : r.standard === "xapi" ? "TinCan (xAPI)" : "unknown";
  out.push(`${r.file}`);
  if (r.fatal) {
    out.push(`  cannot verify: ${r.fatal}`, "", "Result: NOT VERIFIED (exit 2)");
    return out.join("\n");
  }
  out.push(`  ${kind}${r.title ? ` · "${r.title}"` : ""} · ${r.files} files${r.units.length ? ` · ${r.units.length} unit${r.units.length === 1 ? "" : "s"}` : ""}`);
  out.push("");
  out.push("Static checks");
  const staticFindings = r.findings.filter((f) => !f.unit && /^[16]\./.test(f.rule) && f.rule !== "1.11");
  const count = (severity: Finding["severity"]): number => staticFindings.filter((f) => f.severity === severity).length;
  const verdict = staticFindings.length === 0 ? "ok" : `${count("error")} violation(s), ${count("warning")} warning(s), listed below`;
  if (r.standard === "scorm12") {
    out.push(`  manifest against the ADL XSDs (1.11): ${r.schema}`);
    out.push(`  manifest rules (1.1, 1.3–1.8, 1.10): ${verdict}`);
  } else {
    out.push(`  tincan.xml structure (6.1–6.3): ${verdict}`);
  }
  for (const n of r.notes) out.push(`  note: ${n}`);
  out.push("");
  if (!r.played) {
    out.push(`Learner journey: not run — ${r.notPlayedBecause ?? "unknown reason"}`);
  } else {
    out.push(`Learner journey in Chromium (${r.standard === "xapi" ? "development LRS" : "scorm-again as the LMS"})`);
    out.push(...(r.standard === "scorm12" ? scormRows(r.units) : xapiRows(r.units)).map((l) => `  ${l}`));
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
