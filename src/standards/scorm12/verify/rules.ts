// SCORM 1.2 for `coursewright verify`: the manifest against the ADL XSDs and the CAM rules they cannot check,
// each SCO's recorded calls against the RTE rules, and the report's table of what the LMS holds.
import { poll, sleep } from "../../../net/poll.js";
import { error, staticVerdict, table } from "../../../verify/findings.js";
import type { VerifyRules } from "../../verify-rules.js";
import { manifestViolations, schemaFileViolations } from "./manifest-rules.js";
import { checkScorm12Session, type Scorm12Summary } from "./session-check.js";
import { validateScorm12Manifest } from "./xsd.js";

export const scorm12VerifyRules: VerifyRules = {
  encodingRule: "1.11",
  retake: true,
  help: {
    statics:
      "imsmanifest.xml against the ADL XSDs and the manifest rules the XSDs cannot check (unique NCName ids, default organization, identifierrefs, titles, lowercase scormtype, every <file> present, files at the ZIP root, schema/schemaversion, schema files)",
    session: "SCORM 1.2 RTE: API call order and values, status set, LMSCommit, one LMSFinish, session_time format, suspend_data and lesson_location limits; the report shows API calls, commits, suspend_data size, session_time",
  },

  async staticChecks(xml, files) {
    const xsd = await validateScorm12Manifest(xml);
    const findings = xsd.errors.map((e, i) => error("1.11", `imsmanifest.xml${xsd.lines[i] ? ` line ${xsd.lines[i]}` : ""}: ${e}`));
    const notes = xsd.unchecked.length ? [`IMS MD metadata in the manifest is not schema-checked (${xsd.unchecked.length} element${xsd.unchecked.length === 1 ? "" : "s"})`] : [];
    return { schema: xsd.valid ? "valid" : "invalid", findings: [...findings, ...manifestViolations(xml, files), ...schemaFileViolations(xml, files)], notes };
  },

  staticLines(schema, packageFindings) {
    const rules = packageFindings.filter((f) => /^1\./.test(f.rule) && f.rule !== "1.11");
    return [`manifest against the ADL XSDs (1.11): ${schema}`, `manifest rules (1.1, 1.3–1.8, 1.10): ${staticVerdict(rules)}`];
  },

  async checkUnit(probe) {
    // SCORM 1.2 RTE §3.3.2: the session ends with LMSFinish, which the content sends on pagehide.
    await poll(async () => (await probe.calls()).some((c) => c.fn === "LMSFinish"), 5_000);
    await sleep(200);
    const checked = checkScorm12Session(await probe.calls(), await probe.lmsData());
    const findings = [...checked.findings];
    const status = checked.summary.lessonStatus;
    if (probe.completedJourney && !["passed", "completed"].includes(status)) {
      findings.push(error("3.2", `after every page and every right answer the LMS holds lesson_status '${status}'; expected 'completed' or 'passed' (11.4)`));
    }
    return { summary: checked.summary, findings };
  },

  unitLines(units) {
    const rows = [["unit", "content", "lesson_status", "score.raw", "objectives", "interactions", "API calls", "commits", "finish", "suspend_data", "session_time"]];
    for (const u of units) {
      // The summaries of a SCORM 1.2 package's units are the ones checkUnit made.
      const s = u.summary as Scorm12Summary | undefined;
      if (!s) {
        rows.push([u.id, u.content, "–", "–", "–", "–", "–", "–", "–", "–", "–"]);
        continue;
      }
      const time = s.sessionTime === undefined ? "(not set)" : `${s.sessionTime} ${s.sessionTimeOk ? "ok" : "BAD FORMAT"}`;
      rows.push([
        u.id,
        u.content,
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
  },
};
