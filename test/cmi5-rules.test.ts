// The cmi5 pieces that need no browser: the launch query and LMS.LaunchData as the AU reads them (cmi5 §8.1,
// §10), the statement profile (§9: defined vs allowed, categories, result, masteryScore, Browse/Review) on the
// shared statement builder's output, and the rule check preview and verify run, each rule failing on the
// statements that break it.
import type { Statement } from "@xapi/xapi";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../src/lrs/index.js";
import { parseCmi5Query, parseLaunchData } from "../src/standards/cmi5/runtime/launch.js";
import { CMI5_CATEGORY, cmi5Profile, MASTERY_EXTENSION, MOVEON_CATEGORY, type LaunchData } from "../src/standards/cmi5/runtime/profile.js";
import { checkCmi5Statements, LAUNCH_MODE_EXTENSION, moveOnMet, MOVEON_EXTENSION, SESSION_EXTENSION } from "../src/standards/cmi5/verify/session-rules.js";

const AU = "https://example.org/course/au/course";
const ACTIVITY = `${AU}/lms`;
const REG = "0f6b8a5e-6c1e-4d7e-9a57-8f0f0e3c2a11";
const ACTOR = { objectType: "Agent", account: { homePage: "https://lms.example.org", name: "42" } };
const launch = { endpoint: "https://lrs.example.org/", auth: "Basic x", actor: ACTOR as never, registration: REG, activityId: ACTIVITY, grouping: [] };
const template = { contextActivities: { grouping: [{ objectType: "Activity" as const, id: AU }] }, extensions: { [SESSION_EXTENSION]: "s1" } };
const data = (over: Partial<LaunchData> = {}): LaunchData => ({ contextTemplate: template, launchMode: "Normal", moveOn: "Passed", masteryScore: 0.8, ...over });

describe("the cmi5 launch as the AU reads it", () => {
  const query = (over: Record<string, string> = {}): string =>
    `?${new URLSearchParams({ endpoint: "https://lrs.example.org/xapi", fetch: "https://lms.example.org/f?k=1", actor: JSON.stringify(ACTOR), registration: REG.toUpperCase(), activityId: ACTIVITY, ...over })}`;

  it("reads the five parameters in any order, with the endpoint ending in '/' and the registration in lower case", () => {
    expect(parseCmi5Query(query())).toEqual({ endpoint: "https://lrs.example.org/xapi/", fetch: "https://lms.example.org/f?k=1", actor: expect.objectContaining({ account: ACTOR.account }), registration: REG, activityId: ACTIVITY });
    expect(parseCmi5Query("")).toBe("");
  });

  it("names the parameter that is wrong: an actor without an account (§9.2), a registration that is no UUID, a fetch that is no URL", () => {
    expect(parseCmi5Query(query({ actor: JSON.stringify({ objectType: "Agent", mbox: "mailto:a@example.org" }) }))).toBe("actor");
    expect(parseCmi5Query(query({ registration: "12" }))).toBe("registration");
    expect(parseCmi5Query(query({ fetch: "token" }))).toBe("fetch");
    expect(parseCmi5Query(query({ activityId: "no iri" }))).toBe("activityId");
  });

  it("takes LMS.LaunchData with a context template and a launch mode, and nothing else", () => {
    expect(parseLaunchData(JSON.stringify(data()))?.masteryScore).toBe(0.8);
    expect(parseLaunchData(JSON.stringify({ ...data(), launchMode: "Preview" }))).toBeUndefined();
    expect(parseLaunchData(JSON.stringify({ launchMode: "Normal" }))).toBeUndefined();
    expect(parseLaunchData(JSON.stringify({ ...data(), masteryScore: 80 }))).toBeUndefined();
    expect(parseLaunchData("<html>")).toBeUndefined();
  });
});

const statement = (verb: string, object: string, result?: Statement["result"], context: Statement["context"] = { registration: REG, contextActivities: { grouping: [{ objectType: "Activity", id: ACTIVITY }] } }): Statement =>
  ({ id: "x", actor: ACTOR, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-US": verb } }, object: { objectType: "Activity", id: object }, result, context, timestamp: "2026-01-01T00:00:00.000Z" }) as Statement;

describe("the cmi5 statement profile", () => {
  const profile = cmi5Profile(launch, data());

  it("a defined passed: the cmi5 and moveOn categories, the LMS's masteryScore, no completion; the template's values kept", () => {
    const out = profile(statement("passed", ACTIVITY, { score: { scaled: 0.9, raw: 90, min: 0, max: 100 }, success: true, completion: true, duration: "PT1M" }))!;
    expect(out.result).toEqual({ score: { scaled: 0.9, raw: 90, min: 0, max: 100 }, success: true, duration: "PT1M" });
    expect(out.context?.contextActivities?.category?.map((a) => a.id)).toEqual([CMI5_CATEGORY, MOVEON_CATEGORY]);
    expect(out.context?.extensions).toEqual({ [MASTERY_EXTENSION]: 0.8, [SESSION_EXTENSION]: "s1" });
    // The template's publisher id first, the builder's grouping after it.
    expect(out.context?.contextActivities?.grouping?.map((a) => a.id)).toEqual([AU, ACTIVITY]);
    expect(out.context?.registration).toBe(REG);
  });

  it("initialized and terminated: the cmi5 category only; a page is an allowed statement with no category", () => {
    expect(profile(statement("terminated", ACTIVITY, { duration: "PT2M" }))?.context?.contextActivities?.category?.map((a) => a.id)).toEqual([CMI5_CATEGORY]);
    const page = profile(statement("experienced", `${ACTIVITY}/session/a/page/b`))!;
    expect(page.context?.contextActivities?.category).toBeUndefined();
    expect(page.context?.extensions).toEqual({ [SESSION_EXTENSION]: "s1" });
  });

  it("Browse and Review: initialized and terminated only", () => {
    for (const launchMode of ["Browse", "Review"] as const) {
      const p = cmi5Profile(launch, data({ launchMode }));
      expect(p(statement("initialized", ACTIVITY))).toBeDefined();
      expect(p(statement("terminated", ACTIVITY, { duration: "PT1S" }))).toBeDefined();
      expect(p(statement("completed", ACTIVITY, { completion: true, duration: "PT1S" }))).toBeUndefined();
      expect(p(statement("passed", ACTIVITY, { success: true, duration: "PT1S" }))).toBeUndefined();
      expect(p(statement("answered", `${ACTIVITY}/question/a/b`, { response: "x" }))).toBeUndefined();
    }
  });
});

describe("the cmi5 rule check", () => {
  let clock = Date.parse("2026-01-01T00:00:00Z");
  /** A stored statement of session `s`, one second after the last. */
  const stored = (verb: string, o: { session?: string; result?: JsonObject; category?: string[]; object?: string; extensions?: JsonObject } = {}): JsonObject => ({
    id: String(clock),
    actor: ACTOR,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { id: o.object ?? ACTIVITY },
    ...(o.result ? { result: o.result } : {}),
    context: {
      registration: REG,
      contextActivities: { grouping: [{ id: AU }], ...(o.category ? { category: o.category.map((id) => ({ id })) } : {}) },
      extensions: { [SESSION_EXTENSION]: o.session ?? "s1", ...o.extensions },
    },
    timestamp: new Date((clock += 1000)).toISOString(),
  });
  const cmi5 = [CMI5_CATEGORY];
  const launched = (mode = "Normal", extra: JsonObject = {}): JsonObject => stored("launched", { category: cmi5, extensions: { [LAUNCH_MODE_EXTENSION]: mode, [MOVEON_EXTENSION]: "Passed", [MASTERY_EXTENSION]: 0.8, ...extra } });
  const passed = (scaled: number): JsonObject => stored("passed", { category: [CMI5_CATEGORY, MOVEON_CATEGORY], result: { score: { scaled }, success: true, duration: "PT1S" }, extensions: { [MASTERY_EXTENSION]: 0.8 } });
  const good = (): JsonObject[] => [launched(), stored("initialized", { category: cmi5 }), stored("experienced", { object: `${ACTIVITY}/session/a/page/b` }), passed(0.9), stored("terminated", { category: cmi5, result: { duration: "PT2S" } })];
  const rules = (list: JsonObject[]): string[] => checkCmi5Statements(list).findings.map((f) => f.rule);

  it("a session in the allowed order passes and meets moveOn Passed", () => {
    const check = checkCmi5Statements(good());
    expect(check.findings).toEqual([]);
    expect(check).toMatchObject({ moveOn: "Passed", satisfied: true, sessions: [{ session: "s1", launchMode: "Normal", verbs: ["initialized*", "experienced", "passed*", "terminated*"] }] });
  });

  it("finds each broken rule", () => {
    const list = good();
    // An allowed statement timed before initialized (§9.3: the timestamps give the order, not the stored order).
    expect(rules([list[0]!, list[1]!, { ...list[2]!, timestamp: "2025-12-31T23:59:59.000Z" }, ...list.slice(3)])).toContain("9.3.2");
    expect(rules(list.slice(0, 4))).toContain("9.3.8"); // no terminated
    expect(rules([...list.slice(0, 4), stored("passed", { category: [CMI5_CATEGORY, MOVEON_CATEGORY], result: { success: true, duration: "PT1S" } }), list[4]!])).toContain("9.3"); // passed twice in a session
    expect(rules([...list.slice(0, 3), passed(0.7), list[4]!])).toContain("9.3.4"); // below the masteryScore
    expect(rules([...list.slice(0, 3), stored("passed", { category: cmi5, result: { success: true, duration: "PT1S" }, extensions: { [MASTERY_EXTENSION]: 0.8 } }), list[4]!])).toContain("9.6.2.2"); // success without the moveOn category
    expect(rules([...list.slice(0, 3), stored("answered", { category: [MOVEON_CATEGORY], object: `${ACTIVITY}/question/q/1` }), list[4]!])).toContain("9.6.2.2"); // an allowed statement with it
    expect(rules([...list.slice(0, 3), stored("completed", { category: [CMI5_CATEGORY, MOVEON_CATEGORY], result: { completion: true } }), list[4]!])).toContain("9.5.4.1"); // no duration
    expect(rules([...list.slice(0, 3), stored("completed", { category: [CMI5_CATEGORY, MOVEON_CATEGORY], result: { completion: true, success: true, duration: "PT1S" } }), list[4]!])).toContain("9.5.2"); // success on completed
    expect(rules([launched("Browse"), ...list.slice(1)])).toContain("10"); // judged in Browse mode
    expect(rules(list.map((s) => ({ ...s, context: { ...(s["context"] as JsonObject), extensions: {} } })))).toContain("9.6.3.1"); // no session id
  });

  it("per registration: a second passed in a later session, and failed after passed", () => {
    const later = (verb: string, result: JsonObject): JsonObject[] => [
      stored("launched", { session: "s2", category: cmi5, extensions: { [LAUNCH_MODE_EXTENSION]: "Normal" } }),
      stored("initialized", { session: "s2", category: cmi5 }),
      stored(verb, { session: "s2", category: [CMI5_CATEGORY, MOVEON_CATEGORY], result }),
      stored("terminated", { session: "s2", category: cmi5, result: { duration: "PT1S" } }),
    ];
    expect(rules([...good(), ...later("passed", { success: true, duration: "PT1S" })])).toContain("9.3.4");
    expect(rules([...good(), ...later("failed", { success: false, duration: "PT1S" })])).toContain("9.3");
  });

  it("moveOn: which of completed and passed each criterion needs", () => {
    expect([moveOnMet("Completed", true, false), moveOnMet("Passed", true, false), moveOnMet("CompletedAndPassed", true, false), moveOnMet("CompletedOrPassed", false, true), moveOnMet("NotApplicable", false, false)]).toEqual([true, false, false, true, true]);
  });
});
