// What the player's SCORM 2004 LMS hands a SCO at launch, from what the attempt stored for it. Browser-safe
// and pure (the page's client is player-client.ts).
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});

const MODES = new Set(["normal", "browse", "review"]);

/**
 * What the LMS hands the SCO on launch (RTE §4.2.7 cmi.entry, §4.2.16 cmi.mode, §4.2.19 cmi.scaled_passing_score):
 * after exit=suspend the attempt resumes with its location and suspend_data; a completed attempt that ended
 * reopens in review mode with them, as Moodle does; any other ended attempt starts again from the beginning,
 * keeping the statuses, score, objectives and interactions the LMS stored.
 */
export function launchData(saved: Readonly<Obj> | undefined, mode: string | null, passMark: number | undefined, objectiveIds: readonly string[] = []): object {
  const cmi = obj(saved?.["cmi"]);
  const suspended = cmi["exit"] === "suspend";
  const ended = saved !== undefined && !suspended;
  const reviewed = ended && cmi["completion_status"] === "completed";
  const chosen = mode && MODES.has(mode) ? mode : reviewed ? "review" : "normal";
  return {
    ...(saved
      ? {
          entry: suspended ? "resume" : "",
          completion_status: cmi["completion_status"],
          success_status: cmi["success_status"],
          score: cmi["score"] ?? {},
          objectives: cmi["objectives"] ?? {},
          interactions: cmi["interactions"] ?? {},
          ...(suspended || reviewed ? { location: cmi["location"] ?? "", suspend_data: cmi["suspend_data"] ?? "" } : {}),
        }
      : {}),
    // A first launch lists the manifest's objectives (RTE §4.2.17), primary first, as Moodle does at index 0.
    ...(saved || objectiveIds.length === 0 ? {} : { objectives: Object.fromEntries(objectiveIds.map((id, i) => [String(i), { id }])) }),
    mode: chosen,
    // RTE §4.2.6 cmi.credit: browse and review are not for credit.
    credit: chosen === "normal" ? "credit" : "no-credit",
    ...(passMark === undefined ? {} : { scaled_passing_score: String(Math.round(passMark * 100) / 10000) }),
  };
}
