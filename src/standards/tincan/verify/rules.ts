// TinCan for `coursewright verify`: tincan.xml's structure, the statements each launch sent to the LRS
// against xAPI 1.0.3, and the report's count of them by verb.
import { poll, sleep } from "../../../net/poll.js";
import { staticVerdict } from "../../../verify/findings.js";
import type { VerifyRules } from "../../verify-rules.js";
import { checkXapiStatements, xapiUnitLines, type XapiSummary } from "../../common/xapi/statement-check.js";
import { tincanViolations } from "./tincan-rules.js";

const verbOf = (s: Readonly<Record<string, unknown>>): string => String((s["verb"] as { id?: unknown } | undefined)?.id ?? "");

export const tincanVerifyRules: VerifyRules = {
  encodingRule: "6.2",
  // One launch of the whole course: no retake round (a failed attempt would be the LRS's last word on it).
  retake: false,
  help: {
    statics: "tincan.xml structure (one tincan.xml, activities with IRI ids, type, name and description with lang, exactly one launch, launch file present)",
    session: "xAPI 1.0.3: valid statements with the registration, initialized first, terminated last, no duplicates; the report counts statements by verb",
  },

  staticChecks(xml, files) {
    return Promise.resolve({ schema: "not applicable", findings: tincanViolations(xml, files), notes: [] });
  },

  staticLines(_schema, packageFindings) {
    return [`tincan.xml structure (6.1–6.3): ${staticVerdict(packageFindings.filter((f) => /^6\./.test(f.rule)))}`];
  },

  async checkUnit(probe) {
    // The launch has ended when its 'terminated' statement is stored (the session's last statement, as LMSs expect).
    await poll(() => probe.statements().some((s) => verbOf(s).endsWith("/terminated")), 5_000);
    await sleep(500);
    return checkXapiStatements(probe.statements(), probe.registration, probe.refusedStatementRequests());
  },

  // The summaries of a TinCan package's units are the ones checkUnit made.
  unitLines: (units) => xapiUnitLines<XapiSummary>(units, (x) => `${x.statements} statements in the LRS${x.rejectedRequests ? `, ${x.rejectedRequests} requests refused` : ""}`),
};
