// cmi5 for `coursewright verify`: cmi5.xml against the course structure XSD (§13.2) and the structure rules it
// cannot check (§13.1, §14.1); each AU's launch against xAPI 1.0.3 and the cmi5 statement rules (§7, §9, §10:
// ./session-rules.ts, which preview's panel shows too); the report counts statements by verb and says whether
// the moveOn criterion was met.
import type { JsonObject } from "../../../lrs/index.js";
import { poll, sleep } from "../../../net/poll.js";
import { error, staticVerdict } from "../../../verify/findings.js";
import { checkXapiStatements, xapiUnitLines } from "../../common/xapi/statement-check.js";
import type { VerifyRules } from "../../verify-rules.js";
import { checkCmi5Statements } from "./session-rules.js";
import { structureFindings } from "./structure-rules.js";
import { validateCourseStructure } from "./xsd.js";

const verbOf = (s: JsonObject): string => String((s["verb"] as { id?: unknown } | undefined)?.id ?? "").split("/").pop() ?? "";
/** §9.3: what the LMS itself records (launched before the AU, and its judgements). */
const byLms = (s: JsonObject): boolean => ["launched", "abandoned", "waived", "satisfied"].includes(verbOf(s));

export type Cmi5Summary = {
  readonly statements: number;
  readonly byVerb: Readonly<Record<string, number>>;
  readonly rejectedRequests: number;
  readonly moveOn: string;
  readonly satisfied: boolean;
};

export const cmi5VerifyRules: VerifyRules = {
  encodingRule: "13.2",
  // The scripted learner fails the assessment once and retakes it: a failed attempt with retakes left is no
  // cmi5 failed statement (§9.3: at most one of passed/failed a session), so the retake's pass is the verdict.
  retake: true,
  help: {
    statics: "cmi5.xml against the cmi5 CourseStructure.xsd (§13.2) and the rules it cannot check: unique IRI ids, each AU's url in the package, masteryScore (§13.1, §14.1)",
    session:
      "the development LMS launches each AU (LMS.LaunchData, one-time fetch URL); its statements are valid xAPI 1.0.3 and keep the cmi5 rules: initialized first, terminated last, defined verbs once, categories, result properties, masteryScore, moveOn (§7, §9, §10)",
  },

  async staticChecks(xml, files) {
    const xsd = await validateCourseStructure(xml);
    const findings = xsd.errors.map((e, i) => error("13.2", `cmi5.xml${xsd.lines[i] ? ` line ${xsd.lines[i]}` : ""}: ${e}`));
    if (xsd.notWellFormed) findings.push(error("13.2", `cmi5.xml is not well-formed XML: ${xsd.notWellFormed}`));
    return { schema: xsd.valid ? "valid" : "invalid", findings: [...findings, ...(xsd.notWellFormed ? [] : structureFindings(xml, files))], notes: [] };
  },

  staticLines(schema, packageFindings) {
    return [`cmi5.xml against the cmi5 CourseStructure.xsd (13.2): ${schema}`, `course structure rules (13.1, 14.1): ${staticVerdict(packageFindings.filter((f) => f.rule !== "13.2"))}`];
  },

  async checkUnit(probe) {
    // §9.3.8: the session has ended when its terminated statement is stored.
    await poll(() => probe.statements().some((s) => verbOf(s) === "terminated"), 5_000);
    await sleep(500);
    const all = probe.statements().filter((s) => (s["context"] as { registration?: string } | undefined)?.registration === probe.registration);
    const xapi = checkXapiStatements(all.filter((s) => !byLms(s)), probe.registration, probe.refusedStatementRequests());
    const rules = checkCmi5Statements(all);
    const findings = [...xapi.findings.filter((f) => f.rule !== "8.12"), ...rules.findings];
    if (probe.completedJourney && !rules.satisfied) findings.push(error("10", `after every page and every right answer the statements do not meet the AU's moveOn criterion (${rules.moveOn ?? "unknown"})`));
    const summary: Cmi5Summary = { ...xapi.summary, moveOn: rules.moveOn ?? "(no launched statement)", satisfied: rules.satisfied };
    return { summary, findings };
  },

  unitLines: (units) =>
    xapiUnitLines<Cmi5Summary>(units, (x) => `${x.statements} statements from the AU${x.rejectedRequests ? `, ${x.rejectedRequests} requests refused` : ""}; moveOn ${x.moveOn}: ${x.satisfied ? "met" : "not met"}`),
};
