// The development LMS of a cmi5 package in the player (preview, verify, the tests): for each launch of an AU it
// does what cmi5 asks of an LMS before the AU runs, against the development LRS over HTTP — a new session id,
// the LMS.LaunchData state document (§10: context template with the session id and the publisher id
// grouping, launchMode, moveOn, masteryScore, returnURL), the learner's preferences when they have none yet
// (§11), the launched statement (§9.3.1, with the §9.6.3 context extensions) — and hands the AU a one-time
// fetch URL (§8.2) in the launch URL (§8.1). The panel's check of the cmi5 rules is verify's
// (../verify/session-rules.ts). Development only: every token is the development LRS's one credential.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { JsonObject, RunningLrs } from "../../../lrs/index.js";
import { esc } from "../../../package/xml.js";
import type { LmsContext, LmsReply, SimulatedLms } from "../../simulation.js";
import { CMI5_XML } from "../course-structure.js";
import { CMI5_CATEGORY, MASTERY_EXTENSION } from "../runtime/profile.js";
import { LAUNCH_DATA, PREFERENCES } from "../runtime/launch.js";
import { auEntries, type AuEntry } from "../reader.js";
import { checkCmi5Statements, LAUNCH_MODE_EXTENSION, LAUNCH_URL_EXTENSION, MOVEON_EXTENSION, SESSION_EXTENSION } from "../verify/session-rules.js";

export const LAUNCH_MODES = ["Normal", "Browse", "Review"] as const;

/** §8.1: the activityId the LMS generates for an AU, which must not be the AU's own id (the same on every launch). */
export const lmsActivityId = (auId: string): string => `${auId}/lms`;

/** §9.2: the learner as an Agent with an account on this LMS (the player's learner by their mailbox, if any). */
export function lmsLearner(actor: JsonObject, base: string): JsonObject {
  const name = typeof actor["mbox"] === "string" ? actor["mbox"].replace(/^mailto:/, "") : "learner";
  return { objectType: "Agent", ...(typeof actor["name"] === "string" ? { name: actor["name"] } : {}), account: { homePage: base, name } };
}

const json = (status: number, value: unknown): LmsReply => ({ status, body: JSON.stringify(value) });

/** A write to the development LRS; any answer but a 2xx (or one of `alsoFine`) is an error of the LMS. */
async function lrsCall(lrs: RunningLrs, method: string, resource: string, body: unknown, headers: Record<string, string> = {}, alsoFine: readonly number[] = []): Promise<void> {
  const res = await fetch(`${lrs.url}${resource}`, {
    method,
    headers: { Authorization: lrs.authorization, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (res.status >= 300 && !alsoFine.includes(res.status)) throw new Error(`the development LRS answered ${method} ${resource.split("?")[0] ?? ""} with ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

/** A language tag (RFC 5646's shape: a 2–3 letter language, then subtags), as §11.1's list holds them. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/**
 * §11: the learner's preferences as this LMS sets them: the course's own language (the one it is written in;
 * en-US when cmi5.xml names none) and audio on.
 */
export function learnerPreferences(courseLanguage: string | undefined): { languagePreference: string; audioPreference: "on" } {
  return { languagePreference: courseLanguage && LANGUAGE_TAG.test(courseLanguage) ? courseLanguage : "en-US", audioPreference: "on" };
}

/** What the player page may ask of a launch (its own query string, passed through): the LMS's settings. */
function settings(query: URLSearchParams, au: AuEntry): { launchMode: string; masteryScore?: number } | string {
  const mode = query.get("launchMode") ?? "Normal";
  if (!(LAUNCH_MODES as readonly string[]).includes(mode)) return `launchMode must be one of ${LAUNCH_MODES.join(", ")}`;
  const asked = query.get("masteryScore");
  const mastery = asked === null ? au.masteryScore : Number(asked);
  if (mastery !== undefined && !(mastery >= 0 && mastery <= 1)) return "masteryScore must be a decimal from 0 to 1";
  return { launchMode: mode, ...(mastery !== undefined ? { masteryScore: Math.round(mastery * 10000) / 10000 } : {}) };
}

export function cmi5Lms(context: LmsContext): SimulatedLms {
  /** One-time fetch URLs (§8.2.3.1): key → already answered. */
  const fetches = new Map<string, boolean>();
  const learner = lmsLearner(context.actor, context.base);
  const structure = (): ReturnType<typeof auEntries> => auEntries(fs.readFileSync(path.join(context.packageDir(), CMI5_XML), "utf8"));

  const launch = async (query: URLSearchParams): Promise<LmsReply> => {
    const { language, aus } = structure();
    const au = aus.find((a) => a.id === query.get("unit"));
    if (!au) return json(404, { error: "no such AU in cmi5.xml" });
    const set = settings(query, au);
    if (typeof set === "string") return json(400, { error: set });
    const { lrs } = context;
    const registration = context.registration();
    const activityId = lmsActivityId(au.id);
    const session = randomUUID();
    const publisher = { objectType: "Activity", id: au.id };
    const launchUrl = new URL(`package/${au.url}`, context.base).href;
    const data = {
      contextTemplate: { contextActivities: { grouping: [publisher] }, extensions: { [SESSION_EXTENSION]: session } },
      launchMode: set.launchMode,
      moveOn: au.moveOn,
      ...(set.masteryScore !== undefined ? { masteryScore: set.masteryScore } : {}),
      returnURL: `${context.base}__cw/lms/returned?unit=${encodeURIComponent(au.id)}`,
    };
    const scope = new URLSearchParams({ activityId, agent: JSON.stringify(learner), registration, stateId: LAUNCH_DATA });
    await lrsCall(lrs, "PUT", `activities/state?${scope}`, data);
    // §11: the AU reads the learner's preferences at startup. If-None-Match: * writes them only when the learner
    // has none, so theirs are never overwritten: a 412 (xAPI Part 3 §3.1) says they exist, and is fine.
    const profile = new URLSearchParams({ agent: JSON.stringify(learner), profileId: PREFERENCES });
    await lrsCall(lrs, "PUT", `agents/profile?${profile}`, learnerPreferences(language), { "If-None-Match": "*" }, [412]);
    // §9.3.1: recorded before the AU is launched, with the launch's settings (§9.6.3.2–9.6.3.6).
    await lrsCall(lrs, "POST", "statements", {
      id: randomUUID(),
      actor: learner,
      verb: { id: "http://adlnet.gov/expapi/verbs/launched", display: { "en-US": "launched" } },
      object: { objectType: "Activity", id: activityId, definition: { name: { "en-US": au.title || au.id } } },
      context: {
        registration,
        contextActivities: { grouping: [publisher], category: [{ objectType: "Activity", id: CMI5_CATEGORY }] },
        extensions: {
          [SESSION_EXTENSION]: session,
          [LAUNCH_MODE_EXTENSION]: set.launchMode,
          [LAUNCH_URL_EXTENSION]: launchUrl,
          [MOVEON_EXTENSION]: au.moveOn,
          ...(set.masteryScore !== undefined ? { [MASTERY_EXTENSION]: set.masteryScore } : {}),
        },
      },
      timestamp: new Date().toISOString(),
    });
    const key = randomUUID();
    fetches.set(key, false);
    const params = new URLSearchParams({ endpoint: lrs.url, fetch: `${context.base}__cw/lms/fetch?k=${key}`, actor: JSON.stringify(learner), registration, activityId });
    return { status: 200, body: params.toString(), type: "text/plain; charset=utf-8" };
  };

  /** §8.2: the token once; every later request for the same URL gets error 1 (§8.2.3.1), with status 200 (§8.2.2). */
  const token = (query: URLSearchParams): LmsReply => {
    const key = query.get("k") ?? "";
    const used = fetches.get(key);
    if (used === undefined) return json(200, { "error-code": "2", "error-text": "This fetch URL was not issued by this LMS." });
    if (used) return json(200, { "error-code": "1", "error-text": "The authorization token has already been returned." });
    fetches.set(key, true);
    return json(200, { "auth-token": context.lrs.authorization.replace(/^Basic /, "") });
  };

  /** The panel's check: the statements of the attempt's registration about one AU (its publisher id grouping, §9.6.2.3). */
  const check = (query: URLSearchParams): LmsReply => {
    const unit = query.get("unit") ?? "";
    const registration = context.registration();
    const own = context.lrs.statements().filter((s) => {
      const ctx = (s["context"] ?? {}) as { registration?: string; contextActivities?: { grouping?: { id?: string }[] } };
      return ctx.registration === registration && (ctx.contextActivities?.grouping ?? []).some((a) => a.id === unit);
    });
    // The learner may be in the AU's latest session now: its terminated is still to come.
    return json(200, { unit, ...checkCmi5Statements(own, true) });
  };

  return {
    answer(request) {
      const { method, path: route, query } = request;
      if (route === "launch" || route === "fetch") {
        if (method !== "POST") return Promise.resolve(json(405, { error: `${route} takes POST` }));
        return route === "launch" ? launch(query) : Promise.resolve(token(query));
      }
      if (route === "check") return Promise.resolve(check(query));
      if (route === "returned") {
        const unit = query.get("unit") ?? "";
        const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back in the LMS</title></head><body><main><h1>Back in the LMS</h1><p>The AU ${esc(unit)} has ended and returned to the LMS (its returnURL).</p></main></body></html>`;
        return Promise.resolve({ status: 200, body: page, type: "text/html; charset=utf-8" });
      }
      return Promise.resolve(json(404, { error: `the development LMS has no endpoint '${route}'` }));
    },
  };
}
