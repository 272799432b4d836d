// The player page's LMS side for cmi5: each launch of an AU asks the development LMS (lms/dev-lms.ts) to
// prepare it (a new session, LMS.LaunchData, the launched statement, a one-time fetch URL) and returns the
// cmi5 launch query; the player page's own query (launchMode, masteryScore) is passed on as the LMS's
// settings. The panel polls the registration's statements and the LMS's check of the cmi5 rules
// (verify/session-rules.ts). Bundled with the neutral core as player-cmi5.js.
import { startPlayer, type PlayerContext } from "../../player/client/core.js";
import { pollStatements } from "../common/xapi/statements-panel.js";

interface Check {
  findings: { rule: string; message: string }[];
  sessions: { session: string; launchMode?: string; verbs: string[] }[];
  moveOn?: string;
  satisfied: boolean;
}

/** The check of the open AU's statements, as lines for the panel. */
async function ruleLines(): Promise<string[]> {
  const check = (await (await fetch(`/__cw/lms/check?unit=${encodeURIComponent(window.__cw.unit)}`, { cache: "no-store" })).json()) as Check;
  return [
    `cmi5 rules: ${check.findings.length ? `${check.findings.length} broken` : "kept"}; moveOn ${check.moveOn ?? "(not launched yet)"}: ${check.satisfied ? "met" : "not yet met"}`,
    ...check.findings.map((f) => `  §${f.rule}: ${f.message}`),
    ...check.sessions.map((s) => `  session ${s.session.slice(0, 8)} (${s.launchMode ?? "?"}): ${s.verbs.join(" → ")}`),
  ];
}

startPlayer((context: PlayerContext) => ({
  async launch(unit) {
    const res = await fetch(`/__cw/lms/launch?${new URLSearchParams([...new URLSearchParams(location.search), ["unit", unit.id]])}`, { method: "POST" });
    return res.ok ? res.text() : undefined;
  },
  data: () => undefined,
  startPanel: () => pollStatements(context, (s) => ((s.context?.contextActivities?.category ?? []).some((c) => c.id.endsWith("/categories/cmi5")) ? " (cmi5 defined)" : ""), ruleLines),
}));
