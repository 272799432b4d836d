// One finding of `coursewright verify`: a numbered rule (its id as the report shows it) that a package
// breaks. Errors fail the verification; warnings (SHOULD-level and *practice* rules) are reported but do not.
export interface Violation {
  readonly rule: string;
  readonly message: string;
}

export interface Finding extends Violation {
  readonly severity: "error" | "warning";
  /** The unit (SCO / launch activity) it was seen in; absent for package-level findings. */
  readonly unit?: string;
}

export const error = (rule: string, message: string): Finding => ({ rule, message, severity: "error" });
export const warning = (rule: string, message: string): Finding => ({ rule, message, severity: "warning" });

/** "1.7: message" — the form the tests and the human report use. */
export const describeFinding = (f: Violation): string => `${f.rule}: ${f.message}`;

/** Collapses repeats of the same finding (e.g. one rule broken by every commit) into one, with a count. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, { finding: Finding; count: number }>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.unit ?? ""}\u0000${f.rule}\u0000${f.message}`;
    const entry = seen.get(key);
    if (entry) entry.count++;
    else seen.set(key, { finding: f, count: 1 });
  }
  return [...seen.values()].map(({ finding, count }) => (count > 1 ? { ...finding, message: `${finding.message} (${count} times)` } : finding));
}

/** The verdict of a group of static checks, for the report: "ok", or how many violations and warnings. */
export function staticVerdict(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  return findings.length === 0 ? "ok" : `${errors} violation(s), ${findings.length - errors} warning(s), listed below`;
}

/** Lays rows out as a text table (first row the header, dashes under it). */
export function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const [head, ...body] = rows;
  return head ? [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)] : [];
}
