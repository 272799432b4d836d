// The cmi5 statement profile (cmi5 §9): what turns the shared xAPI statements into cmi5 defined and cmi5
// allowed ones. Every statement takes the LMS's context template without overwriting any of it (§10
// contextTemplate: its session id extension and publisher id grouping travel on every statement), and the
// launch registration (§9.6.1). The AU's own verbs about the AU itself (object id = the launch activityId,
// §9.4) are cmi5 defined: the cmi5 category (§9.6.2.1), the moveOn category when the result has success or
// completion (§9.6.2.2), passed/failed with the LMS's masteryScore (§9.6.3.2) and no completion (§9.5.3).
// Pages and answers are cmi5 allowed statements (§7.1.3): the template, no cmi5 category.
import type { Activity, Context, Statement } from "@xapi/xapi";
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import type { LrsLaunch } from "../../common/xapi/lrs-launch.js";
import { StatementFactory } from "../../common/xapi/statements.js";
import type { Statements } from "../../common/xapi/xapi-tracker.js";

const CMI5 = "https://w3id.org/xapi/cmi5/";
export const CMI5_CATEGORY = `${CMI5}context/categories/cmi5`;
export const MOVEON_CATEGORY = `${CMI5}context/categories/moveon`;
export const MASTERY_EXTENSION = `${CMI5}context/extensions/masteryscore`;

/** The LMS.LaunchData state document (cmi5 §10), as far as the AU reads it. */
export interface LaunchData {
  readonly contextTemplate: Context;
  readonly launchMode: "Normal" | "Browse" | "Review";
  readonly masteryScore?: number;
  readonly moveOn?: string;
  readonly returnURL?: string;
}

type Lists = NonNullable<Context["contextActivities"]>;

/** The profile of one launch: a statement as cmi5 wants it, or undefined for one it must not send. */
export function cmi5Profile(launch: LrsLaunch, data: LaunchData): (s: Statement) => Statement | undefined {
  const template = data.contextTemplate;
  const theirs: Lists = template.contextActivities || {};
  const mastery = data.masteryScore;
  return (s) => {
    // The builder's verbs are ADL's, displayed by their name.
    const verb = s.verb.display!["en-US"];
    // §9.3: the AU's verbs about the AU itself (§9.4: the launch activityId). The builder's only other verb about
    // the course is suspended (resumed never comes in a cmi5 session).
    const defined = (s.object as Activity).id === launch.activityId && verb != "suspended";
    const judged = defined && (verb == "passed" || verb == "failed");
    // §10 launchMode: Browse and Review send initialized and terminated, and no completion-related data.
    if (data.launchMode != "Normal" && !(defined && (verb == "initialized" || verb == "terminated"))) return undefined;
    const r = s.result;
    // §9.5.3: completion only on completed; §9.5.1/9.5.2: score and success on passed/failed.
    const result = judged && r ? { score: r.score, success: r.success, duration: r.duration } : r;
    const context = s.context || {};
    const ours: Lists = context.contextActivities || {};
    const category = defined ? [{ id: CMI5_CATEGORY }, ...(result?.success !== undefined || result?.completion !== undefined ? [{ id: MOVEON_CATEGORY }] : [])] : [];
    const join = (key: keyof Lists, extra: Activity[] = []): Activity[] | undefined => {
      const list = [...(theirs[key] || []), ...(ours[key] || []), ...extra];
      return list.length ? list : undefined;
    };
    return {
      ...s,
      result,
      context: {
        ...context,
        ...template,
        registration: launch.registration,
        contextActivities: { parent: join("parent"), grouping: join("grouping"), category: join("category", category), other: join("other") },
        // The template's extensions last: none of its values is overwritten.
        extensions: { ...context.extensions, ...(judged && mastery !== undefined ? { [MASTERY_EXTENSION]: mastery } : {}), ...template.extensions },
      },
    } as Statement;
  };
}

/** The shared statement builder's statements through the profile, for the tracker. */
export function cmi5Statements(course: RuntimeCourse, launch: LrsLaunch, data: LaunchData): Statements {
  const f = new StatementFactory(course, launch, course.language);
  const shape = cmi5Profile(launch, data);
  return {
    courseId: f.courseId,
    // The tracker's own course events in a cmi5 session are initialized and terminated, which every launch mode
    // keeps (the suspended it makes alongside terminated, it leaves out).
    courseEvent: (name, ms, at) => shape(f.courseEvent(name, ms, at))!,
    of: (e, ms) => f.of(e, ms).flatMap((s) => shape(s) || []),
  };
}
