// What one xAPI launch left behind in the LRS, judged once the content is gone: the statements it sent.
import { normalizeStatement, validateStatement, type JsonObject } from "../../../lrs/index.js";
import { error, table, type Finding } from "../../../verify/findings.js";
import type { ReportedUnit } from "../../verify-rules.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

// A type, not an interface: the JSON report carries it as a UnitSummary (an index signature).
export type XapiSummary = {
  readonly statements: number;
  /** Last segment of each verb id → count, in order of first use. */
  readonly byVerb: Readonly<Record<string, number>>;
  /** Statement requests the LRS refused (4xx): those statements are not stored at all. */
  readonly rejectedRequests: number;
};

const verbOf = (s: JsonObject): string => str(obj(s["verb"])["id"]);
const shortVerb = (id: string): string => id.split("/").pop() ?? id;

/** What makes two statements the same learner event: everything but id and the LRS's own properties. */
function sameEvent(s: JsonObject): string {
  const { id: _id, stored: _stored, authority: _authority, version: _version, ...rest } = s;
  return JSON.stringify(rest);
}

/**
 * The statements one launch sent (stored order) against xAPI 1.0.3: each validates (Part 2 §2.2), carries the
 * launch registration (Part 2 §2.4.6), no statement twice (Part 2 §2.4.1), initialized first and terminated
 * last (the order the xAPI launch profiles set for a session, which LMSs rely on).
 */
export function checkXapiStatements(
  statements: readonly JsonObject[],
  registration: string,
  rejectedRequests: readonly string[],
): { summary: XapiSummary; findings: Finding[] } {
  const findings: Finding[] = [];
  const byVerb: Record<string, number> = {};
  for (const s of statements) {
    const v = shortVerb(verbOf(s));
    byVerb[v] = (byVerb[v] ?? 0) + 1;
  }
  for (const r of rejectedRequests) findings.push(error("7.2", `the LRS refused a statement request: ${r}`));
  if (statements.length === 0) findings.push(error("7.2", "the content sent no statement to the LRS"));

  const ids = new Map<string, number>();
  const events = new Map<string, number>();
  statements.forEach((s, i) => {
    const label = `statement ${i + 1} (${shortVerb(verbOf(s))})`;
    for (const reason of validateStatement(normalizeStatement(s))) findings.push(error("7.2", `${label}: ${reason.message}`));
    const reg = str(obj(s["context"])["registration"]);
    if (!reg) findings.push(error("7.8", `${label} has no context.registration`));
    else if (reg !== registration) findings.push(error("7.8", `${label} has registration ${reg}, not the launch's ${registration}`));
    const id = str(s["id"]);
    ids.set(id, (ids.get(id) ?? 0) + 1);
    const key = sameEvent(s);
    events.set(key, (events.get(key) ?? 0) + 1);
  });
  for (const [id, n] of ids) if (n > 1) findings.push(error("7.3", `statement id ${id} is stored ${n} times`));
  const duplicated = [...events.values()].filter((n) => n > 1).length;
  if (duplicated) findings.push(error("7.3", `${duplicated} statement${duplicated === 1 ? " was" : "s were"} sent more than once under different ids`));

  const verbs = statements.map((s) => shortVerb(verbOf(s)));
  if (verbs.length && verbs[0] !== "initialized") findings.push(error("8.12", `the first statement is '${verbs[0]}', expected 'initialized'`));
  if (verbs.length && !verbs.includes("terminated")) findings.push(error("8.12", "no 'terminated' statement was sent when the content closed (11.2)"));
  else if (verbs.length && verbs.at(-1) !== "terminated") findings.push(error("8.12", `'${verbs.at(-1) ?? ""}' was sent after 'terminated'; terminated must be last`));

  return { summary: { statements: statements.length, byVerb, rejectedRequests: rejectedRequests.length }, findings };
}

/**
 * The report's lines for xAPI units (any xAPI-based standard): the unit, `headline` of its summary, then its statements
 * by verb. A unit without a summary (not played) is its first line alone.
 */
export function xapiUnitLines<S extends XapiSummary>(units: readonly ReportedUnit[], headline: (x: S) => string): string[] {
  const lines: string[] = [];
  for (const u of units) {
    const x = u.summary as S | undefined;
    lines.push(`${u.id} (${u.content})`);
    if (!x) continue;
    lines.push(`  ${headline(x)}`);
    if (x.statements === 0) continue;
    const rows = [["verb", "count"], ...Object.entries(x.byVerb).map(([verb, n]) => [verb, String(n)])];
    lines.push(...table(rows, new Set([1])).map((l) => `  ${l}`));
  }
  return lines;
}
