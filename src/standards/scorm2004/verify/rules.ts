// SCORM 2004 4th edition for `coursewright verify`: the manifest against ADL's XSDs and the CAM rules they
// cannot check (4.x), each SCO's recorded calls against the RTE rules (5.x), and the report's table of what the
// LMS holds.
import { poll, sleep } from "../../../net/poll.js";
import { error, staticVerdict, table } from "../../../verify/findings.js";
import type { VerifyRules } from "../../verify-rules.js";
import { SUSPEND_DATA_MAX } from "../limits.js";
import { scorm2004ManifestCheck, scorm2004SchemaFileViolations } from "./manifest-rules.js";
import { checkScorm2004Session, type Scorm2004Summary } from "./session-check.js";
import { validateScorm2004Manifest } from "./xsd.js";

export const scorm2004VerifyRules: VerifyRules = {
  encodingRule: "4.11",
  retake: true,
  help: {
    statics:
      "imsmanifest.xml against ADL's SCORM 2004 4th edition XSDs and the CAM rules they cannot check (IMS CP 1.1.4 namespace, schema/schemaversion, unique NCName ids, default organization, identifierrefs, titles, camelCase scormType, every <file> present, sequencing between SCOs, schema files)",
    session:
      "SCORM 2004 RTE: API state machine and error codes, vocabularies, types and SPMs, ids and types first, dense arrays, scaled score with raw, one value per element per commit, no regression, navigation requests, one Terminate; the report shows completion/success, score, commits, suspend_data size, session_time",
  },

  async staticChecks(xml, files) {
    const xsd = await validateScorm2004Manifest(xml);
    const findings = xsd.errors.map((e, i) => error("4.11", `imsmanifest.xml${xsd.lines[i] ? ` line ${xsd.lines[i]}` : ""}: ${e}`));
    const manifest = scorm2004ManifestCheck(xml, files);
    return { schema: xsd.valid ? "valid" : "invalid", findings: [...findings, ...manifest.findings, ...scorm2004SchemaFileViolations(xml, files)], notes: manifest.notes };
  },

  staticLines(schema, packageFindings) {
    const rules = packageFindings.filter((f) => /^4\./.test(f.rule) && f.rule !== "4.11");
    return [`manifest against the ADL SCORM 2004 4th edition XSDs (4.11): ${schema}`, `manifest rules (4.1–4.10): ${staticVerdict(rules)}`];
  },

  async checkUnit(probe) {
    // SCORM 2004 4th ed. RTE ch.3: Terminate ends the session; the content sends it on pagehide.
    await poll(async () => (await probe.calls()).some((c) => c.fn === "Terminate"), 5_000);
    await sleep(200);
    const checked = checkScorm2004Session(await probe.calls(), await probe.lmsData());
    const findings = [...checked.findings];
    const { completionStatus, successStatus } = checked.summary;
    // After every page and every right answer: completed, and passed — or unknown where the course's
    // reporting option leaves success to the LMS — never failed (RTE §4.2.4, §4.2.22).
    if (probe.completedJourney && (completionStatus !== "completed" || !["passed", "unknown"].includes(successStatus))) {
      findings.push(error("5.4", `after every page and every right answer the LMS holds completion_status '${completionStatus}', success_status '${successStatus}'; expected 'completed' and 'passed' (or 'unknown')`));
    }
    return { summary: checked.summary, findings };
  },

  unitLines(units) {
    const rows = [["unit", "content", "completion", "success", "score", "objectives", "interactions", "API calls", "commits", "terminate", "suspend_data", "session_time"]];
    for (const u of units) {
      // The summaries of a SCORM 2004 package's units are the ones checkUnit made.
      const s = u.summary as Scorm2004Summary | undefined;
      if (!s) {
        rows.push([u.id, u.content, "–", "–", "–", "–", "–", "–", "–", "–", "–", "–"]);
        continue;
      }
      rows.push([
        u.id,
        u.content,
        s.completionStatus || "–",
        s.successStatus || "–",
        s.scoreRaw ? `${s.scoreRaw} (${s.scoreScaled || "–"})` : "–",
        String(s.objectives),
        String(s.interactions),
        String(s.apiCalls),
        String(s.commits),
        String(s.terminates),
        `${s.suspendDataLength} / ${SUSPEND_DATA_MAX}`,
        s.sessionTime ?? "(not set)",
      ]);
    }
    return table(rows, new Set([4, 5, 6, 7, 8, 9, 10]));
  },
};
