// A quiz file's `draw:` (a question pool): its shape, and that every attempt can be drawn as written —
// enough questions in the pool and in each group, every group named and every name a group, each question
// in one group. Problems carry the file and line of the field that has to change.
import type { Draw, Question } from "../model/course.js";
import { drawGroups } from "../model/draw-groups.js";
import type { ProblemList } from "./errors.js";
import { drawCount, drawCountMap, drawObjectSchema } from "./schemas.js";
import { didYouMean, nearestName } from "./suggest.js";
import { validate } from "./validate.js";
import type { YamlSource } from "./yaml-source.js";

export interface DrawContext {
  readonly src: YamlSource;
  readonly problems: ProblemList;
  /** Only the final assessment draws; a knowledge check shows every question. */
  readonly graded: boolean;
  /** The course's session ids, which questions' `session:` name (unknown: not checked). */
  readonly sessionIds?: readonly string[];
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The draw, or undefined when the quiz has none or it is wrong (then a problem says why). */
export function loadDraw(raw: unknown, questions: readonly Question[], ctx: DrawContext): Draw | undefined {
  const { src, problems } = ctx;
  const add = (path: readonly (string | number)[], message: string): void => problems.add(src.file, src.lineOf(path), message, path.join("."));
  checkSessions(questions, ctx);
  if (raw === undefined) return undefined;
  const before = problems.items.length;
  if (!ctx.graded) {
    add(["draw"], "a knowledge check shows every question; only the final assessment draws from a pool (remove 'draw')");
    return undefined;
  }
  const draw = parseDraw(raw, ctx);
  if (!draw) return undefined;
  const what = draw.per === "tag" ? "tag" : "session";
  // Under `per` every question is in exactly one group: its one tag, or its session.
  let grouped = true;
  questions.forEach((q, i) => {
    if (draw.per === "tag" && (q.tags?.length ?? 0) !== 1) {
      grouped = false;
      const n = q.tags?.length ?? 0;
      add(["questions", i, n ? "tags" : "id"], n ? `has ${n} tags; a draw per tag puts each question in one group: give it one tag` : "has no tag; a draw per tag draws from each tag, so every question needs one (tags: [name])");
    }
    if (draw.per === "session" && !q.session) {
      grouped = false;
      add(["questions", i, "id"], "has no session; a draw per session draws from each session, so every question names one (session: <session id>)");
    }
  });
  if (!grouped) return undefined;
  const groups = drawGroups({ draw, questions });
  const lines = (members: readonly number[]): string => members.map((i) => src.lineOf(["questions", i, "id"])).join(", ");
  if (typeof draw.count === "object") {
    const counts = draw.count;
    const names = groups.map((g) => g.name);
    for (const name of Object.keys(counts)) {
      if (names.includes(name)) continue;
      const at = ["draw", "count", name];
      problems.add(src.file, src.keyLineOf(at), `names ${what} '${name}', which no question has${didYouMean(nearestName(name, names.filter((n) => !Object.hasOwn(counts, n))))}`, at.join("."));
    }
    for (const g of groups) {
      if (!Object.hasOwn(counts, g.name)) add(["draw", "count"], `gives no count for ${what} '${g.name}' (questions at lines ${lines(g.members)}); give it one, 0 to leave its questions out`);
    }
  }
  for (const g of groups) {
    if (g.count <= g.members.length) continue;
    const at = typeof draw.count === "object" ? ["draw", "count", g.name] : draw.per ? ["draw", "count"] : ["draw"];
    const of = draw.per ? `${what} '${g.name}' has ${plural(g.members.length, "question")} (lines ${lines(g.members)})` : `the pool has ${plural(g.members.length, "question")}`;
    add(at, `draws ${plural(g.count, "question")}${draw.per && typeof draw.count === "number" ? ` per ${what}` : ""}, but ${of}`);
  }
  // An attempt without a question has no points to score: no learner could ever reach the pass mark.
  if (groups.every((g) => g.count === 0)) add(["draw", "count"], "draws no question at all: every attempt would score 0 and never reach the pass mark");
  return problems.items.length === before ? draw : undefined;
}

function parseDraw(raw: unknown, { src, problems }: DrawContext): Draw | undefined {
  if (typeof raw !== "object" || raw === null) {
    const count = validate(drawCount, raw, src, problems, ["draw"]);
    return count === undefined ? undefined : { count };
  }
  const shape = validate(drawObjectSchema, raw, src, problems, ["draw"]);
  if (!shape) return undefined;
  if (typeof shape.count === "object" && shape.count !== null) {
    const counts = validate(drawCountMap, shape.count, src, problems, ["draw", "count"]);
    if (!counts) return undefined;
    if (!shape.per) {
      problems.add(src.file, src.lineOf(["draw", "count"]), "a count per group needs 'per: tag' or 'per: session' beside it", "draw.count");
      return undefined;
    }
    return { count: counts, per: shape.per };
  }
  const count = validate(drawCount, shape.count, src, problems, ["draw", "count"]);
  if (count === undefined) return undefined;
  return shape.per ? { count, per: shape.per } : { count };
}

/** A question's `session:` names a session of the course. */
function checkSessions(questions: readonly Question[], { src, problems, sessionIds }: DrawContext): void {
  if (!sessionIds) return;
  questions.forEach((q, i) => {
    if (q.session === undefined || sessionIds.includes(q.session)) return;
    const at = ["questions", i, "session"];
    problems.add(src.file, src.lineOf(at), `names session '${q.session}', which the course does not have${didYouMean(nearestName(q.session, sessionIds))}`, at.join("."));
  });
}
