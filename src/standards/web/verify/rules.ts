// Plain web packages for `coursewright verify`: the index page and what it runs (9.1–9.3), then what the
// played course did — no LMS API called (9.4), the learner's progress kept in the browser (9.5).
import { sleep } from "../../../net/poll.js";
import { error, staticVerdict, type Finding } from "../../../verify/findings.js";
import type { VerifyRules } from "../../verify-rules.js";
import type { KeptProgress } from "../storage-key.js";
import { pageViolations } from "./page-rules.js";

/** What the player page's `data()` answers: the course's entries in localStorage (../player-client.ts). */
type Kept = Readonly<Record<string, KeptProgress | string>>;

export const webVerifyRules: VerifyRules = {
  encodingRule: "9.1",
  // Nothing is reported, so a failed attempt is the learner's own business: play the retake round too.
  retake: true,
  help: {
    statics: "index.html: a Coursewright page loading only the package's own files, a Content-Security-Policy with connect-src 'none', a runtime that names no LMS API or network call",
    session: "no LMS API called; the learner's place and answers kept in the browser's localStorage by the end",
  },

  staticChecks(html, files, read) {
    return Promise.resolve({ schema: "not applicable", findings: pageViolations(html, files, read), notes: [] });
  },

  staticLines(_schema, packageFindings) {
    return [`index page, its policy and its runtime (9.1–9.3): ${staticVerdict(packageFindings.filter((f) => /^9\./.test(f.rule)))}`];
  },

  async checkUnit(probe) {
    await sleep(300); // the content's last write happens as its frame goes (pagehide)
    const calls = await probe.calls();
    const kept = ((await probe.lmsData()) ?? {}) as Kept;
    const findings: Finding[] = [];
    if (calls.length) {
      const names = [...new Set(calls.map((c) => c.fn))].slice(0, 5).join(", ");
      findings.push(error("9.4", `the content called an LMS API ${calls.length} time(s) (${names}), but a plain web package has none`));
    }
    const progress = Object.values(kept).filter((k): k is KeptProgress => typeof k === "object");
    const resumable = progress.find((p) => p.location !== "" && p.state !== "");
    if (probe.completedJourney && !resumable) {
      findings.push(error("9.5", "after the journey the browser's storage holds no place and answers to resume from (localStorage 'cw-web:<course id>')"));
    }
    return {
      summary: { apiCalls: calls.length, keptEntries: Object.keys(kept).length, keptCharacters: JSON.stringify(kept).length, location: resumable?.location },
      findings,
    };
  },

  unitLines(units) {
    return units.flatMap((u) => {
      const s = u.summary;
      if (!s) return [`${u.id} (${u.content})`];
      const where = typeof s["location"] === "string" ? `, resuming at ${s["location"]}` : "";
      const entries = `${String(s["keptEntries"])} entr${s["keptEntries"] === 1 ? "y" : "ies"} (${String(s["keptCharacters"])} characters)`;
      return [`${u.id} (${u.content})`, `  kept in localStorage: ${entries}${where}`, `  LMS API calls: ${String(s["apiCalls"])}`];
    });
  },
};
