// The built cmi5 packages in real Chromium, launched by the development LMS (the player server with
// src/standards/cmi5/lms/dev-lms.ts: a session, LMS.LaunchData, the learner's preferences and the launched
// statement in the development LRS over HTTP, a one-time fetch URL) and recording in the development LRS, which
// validates every statement. The learner clicks; the assertions read the LRS and run the same cmi5 rule check as
// preview and verify.
import { randomUUID } from "node:crypto";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { agentKey, startLrs, validateStatement, type JsonObject, type RunningLrs } from "../src/lrs/index.js";
import type { Course } from "../src/model/course.js";
import { AttemptStore } from "../src/player/attempt-store.js";
import { startPlayerServer, type PlayerServer } from "../src/player/server.js";
import { auId } from "../src/standards/cmi5/course-structure.js";
import { lmsActivityId } from "../src/standards/cmi5/lms/dev-lms.js";
import { PREFERENCES } from "../src/standards/cmi5/runtime/launch.js";
import { CMI5_CATEGORY, MASTERY_EXTENSION, MOVEON_CATEGORY } from "../src/standards/cmi5/runtime/profile.js";
import { checkCmi5Statements, SESSION_EXTENSION } from "../src/standards/cmi5/verify/session-rules.js";
import { BrowserLearner, chromiumAvailable, contentFrame, openBrowser, type Browser } from "./helpers/browser.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { passCheck } from "./helpers/learner-steps.js";
import { until } from "./helpers/wait.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const verb = (s: JsonObject): string => String(obj(s["verb"])["id"]).split("/").pop() ?? "";
const objectId = (s: JsonObject): string => String(obj(s["object"])["id"]);
const ctx = (s: JsonObject): Obj => obj(s["context"]);
const categories = (s: JsonObject): string[] => ((obj(ctx(s)["contextActivities"])["category"] as Obj[] | undefined) ?? []).map((a) => String(a["id"]));
const grouping = (s: JsonObject): string[] => ((obj(ctx(s)["contextActivities"])["grouping"] as Obj[] | undefined) ?? []).map((a) => String(a["id"]));
const session = (s: JsonObject): string => String(obj(ctx(s)["extensions"])[SESSION_EXTENSION] ?? "");
const defined = (s: JsonObject): boolean => categories(s).includes(CMI5_CATEGORY);
/** `verb*` for a cmi5 defined statement, as the rule check lists them. */
const marked = (list: readonly JsonObject[]): string[] => list.map((s) => `${verb(s)}${defined(s) ? "*" : ""}`);

/**
 * Chrome logs every 4xx fetch; a 404 for a State document not written yet is the LRS's normal answer (the
 * learner's preferences are there: the LMS writes them before the launch). A request still open when its frame
 * goes (a unit switch, the returnURL) is reported aborted: what keepalive carried on with is checked in the LRS instead.
 */
const unexpected = (problems: readonly string[]): string[] =>
  problems.filter((p) => !/status of 404 \(Not Found\)/.test(p) && !/^http 404: GET \S+\/activities\/state\?/.test(p) && !/ net::ERR_ABORTED$/.test(p));

let course: Course;
let single: BuiltPackage;
let perSession: BuiltPackage;
let lrs: RunningLrs;
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  course = loadCourse("content");
  // The assessment open from the start (requireSessions: false): these tests are about what is recorded.
  const content = ungatedContent().dir;
  single = await buildAndUnpack({ target: "cmi5", contentDir: content });
  perSession = await buildAndUnpack({ target: "cmi5", scoPerSession: true, contentDir: content });
  lrs = await startLrs();
  browser = await openBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await lrs?.close();
  single?.cleanup();
  perSession?.cleanup();
});

/** A player (the development LMS) of its own, with an attempt (a registration) of its own. */
async function lmsFor(pkg: BuiltPackage): Promise<{ server: PlayerServer; registration: string; stop(): Promise<void> }> {
  const attempts = AttemptStore.inMemory();
  const server = await startPlayerServer({ packageDir: pkg.dir, attempts, lrs });
  return { server, registration: attempts.registration, stop: () => server.close() };
}

/** What the LRS holds for the registration, about one AU (its publisher id grouping, cmi5 §9.6.2.3), stored order. */
const recorded = (registration: string, au: string): JsonObject[] => lrs.statements().filter((s) => ctx(s)["registration"] === registration && grouping(s).includes(au));

/** The AU's reads of the learner's preferences (cmi5 §11) in launches by this player's LMS: status and the agent named. */
const preferenceReads = (server: PlayerServer): { status: number; agent: JsonObject }[] =>
  lrs.requests
    .filter((r) => r.method === "GET" && r.path === "/xapi/agents/profile")
    .map((r) => ({ status: r.status, q: new URLSearchParams(r.query) }))
    .filter(({ q }) => q.get("profileId") === PREFERENCES)
    .map(({ status, q }) => ({ status, agent: JSON.parse(q.get("agent") ?? "{}") as JsonObject }))
    .filter(({ agent }) => obj(agent["account"])["homePage"] === server.url);

/** The learner's preferences document as the LRS holds it. */
const storedPreferences = (agent: JsonObject): unknown[] =>
  lrs
    .agentProfiles()
    .filter((d) => d.agentKey === agentKey(agent) && d.profileId === PREFERENCES)
    .map((d) => JSON.parse(Buffer.from(d.content).toString("utf8")) as unknown);

/** Waits until `n` sessions of the AU have ended (their terminated statement is stored). */
const ended = (registration: string, au: string, n = 1): Promise<JsonObject[]> =>
  until(() => {
    const all = recorded(registration, au);
    return all.filter((s) => verb(s) === "terminated").length >= n ? all : undefined;
  }, `${n} terminated statement(s) of ${au}`, 30_000);

async function open(server: PlayerServer, query = ""): Promise<{ page: Page; frame: Frame; learner: BrowserLearner; fetches: string[] }> {
  const page = await browser.newPage();
  const fetches: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/__cw/lms/fetch")) fetches.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(`${server.url}${query}`);
  const frame = await contentFrame(page);
  return { page, frame, learner: new BrowserLearner(frame, course), fetches };
}

const bannerOf = (frame: Frame): Promise<string> => frame.locator("[data-cw=banner]").innerText();

describe.skipIf(!chromiumAvailable)("cmi5 package in Chromium, launched by the development LMS", () => {
  it("one AU: initialized first, a fail at the LMS's masteryScore 0.9 (the course's 80 % would pass it), a retake that passes, Exit → terminated last and the returnURL", async () => {
    const lms = await lmsFor(single);
    const au = auId(course.id, "course");
    try {
      const { page, frame, learner, fetches } = await open(lms.server, "?masteryScore=0.9");
      await learner.open("assessment", "assessment");
      // 10 of 12 right: 83 %, a pass at the course's 80 %, a fail at the LMS's 90 %.
      await learner.takeAssessment(2);
      await frame.locator("[data-cw=retake]").waitFor({ state: "visible" });
      expect(await frame.locator("[data-cw=results]").innerText()).toMatch(/90\s?%/);
      await frame.click("[data-cw=retake]");
      await learner.takeAssessment(0);
      await until(async () => (await frame.locator("[data-cw=retake]").isHidden()) || undefined, "the pass (no retake offered)");
      await frame.click("[data-cw=exit]");
      // §10 returnURL: the AU's window goes back to the LMS once terminated has gone.
      await until(() => page.frames().some((f) => f.url().includes("/__cw/lms/returned")) || undefined, "the returnURL in the AU's frame");
      const statements = await ended(lms.registration, au);
      await page.close();

      // §8.2: one POST to the fetch URL, never a GET.
      expect(fetches).toHaveLength(1);
      expect(fetches[0]).toMatch(/^POST /);
      const check = checkCmi5Statements(statements);
      expect(check.findings).toEqual([]);
      expect(check.moveOn).toBe("Passed");
      expect(check.satisfied).toBe(true);

      const own = statements.filter((s) => verb(s) !== "launched");
      expect(marked(own.filter(defined))).toEqual(["initialized*", "passed*", "terminated*"]);
      expect(verb(statements[0]!)).toBe("launched");
      expect(verb(own[0]!)).toBe("initialized");
      expect(verb(own.at(-1)!)).toBe("terminated");
      const activityId = lmsActivityId(au);
      const sessionId = session(statements[0]!);
      for (const s of own) {
        expect(validateStatement(s as never), JSON.stringify(s)).toEqual([]);
        // §10 contextTemplate: the session id and the publisher id on every statement.
        expect(session(s)).toBe(sessionId);
        expect(grouping(s)).toContain(au);
        expect(String(s["timestamp"])).toMatch(/Z$/);
        expect(obj(obj(s["actor"])["account"])["homePage"]).toBe(lms.server.url);
        if (defined(s)) expect(objectId(s)).toBe(activityId);
        else expect(categories(s)).not.toContain(MOVEON_CATEGORY);
      }
      const passed = own.find((s) => verb(s) === "passed" && defined(s))!;
      expect(passed["result"]).toEqual({ score: { scaled: 1, raw: 100, min: 0, max: 100 }, success: true, duration: expect.stringMatching(/^PT/) });
      expect(categories(passed)).toEqual([CMI5_CATEGORY, MOVEON_CATEGORY]);
      expect(obj(ctx(passed)["extensions"])[MASTERY_EXTENSION]).toBe(0.9);
      // The failed attempt is the assessment's own, a cmi5 allowed statement: not the AU's verdict (retakes were left).
      const attempts = own.filter((s) => objectId(s) === `${activityId}/assessment/assessment` && ["passed", "failed"].includes(verb(s)));
      expect(marked(attempts)).toEqual(["failed", "passed"]);
      expect(obj(obj(attempts[0]!["result"])["score"])["scaled"]).toBeCloseTo(0.8333, 4);
      expect(own.filter((s) => verb(s) === "answered").every((s) => !defined(s))).toBe(true);
      const terminated = own.at(-1)!;
      expect(obj(terminated["result"])["duration"]).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
      expect(categories(terminated)).toEqual([CMI5_CATEGORY]);
      expect(lrs.requests.filter((r) => r.status === 400 || r.status === 409)).toEqual([]);
      // cmi5 §11: at startup the AU read the learner's preferences, which the LMS wrote before the launch.
      const reads = preferenceReads(lms.server);
      expect(reads.map((r) => r.status)).toEqual([200]);
      expect(storedPreferences(reads[0]!.agent)).toEqual([{ languagePreference: course.language, audioPreference: "on" }]);
      expect(unexpected(browser.problems.splice(0))).toEqual([]);
    } finally {
      await lms.stop();
    }
  });

  it("closed mid-course and launched again: a new session of the same registration, resumed from the State API", async () => {
    const lms = await lmsFor(single);
    const au = auId(course.id, "course");
    try {
      const first = await open(lms.server);
      await first.learner.next();
      await first.learner.next();
      const left = await first.learner.here();
      const firstPage = `${course.sessions[0]?.id ?? ""}/${course.sessions[0]?.pages[0]?.id ?? ""}`;
      // The progress document (not the LMS's) has moved past the first page.
      const progressed = (): boolean =>
        lrs.stateDocuments().some((d) => {
          if (d.registration !== lms.registration || d.stateId === "LMS.LaunchData") return false;
          const location = (JSON.parse(Buffer.from(d.content).toString("utf8")) as { location?: string }).location;
          return Boolean(location) && location !== firstPage;
        });
      await until(() => progressed() || undefined, "the bookmark in the State API", 30_000);
      await first.page.close({ runBeforeUnload: true });
      await ended(lms.registration, au);
      // The learner changes their preferences between the launches (as in the LMS, with the ETag, xAPI Part 3 §3.1).
      const agent = preferenceReads(lms.server)[0]!.agent;
      const prefsUrl = `${lrs.url}agents/profile?${new URLSearchParams({ agent: JSON.stringify(agent), profileId: PREFERENCES })}`;
      const xapiHeaders = { Authorization: lrs.authorization, "X-Experience-API-Version": "1.0.3" };
      const etag = lrs.agentProfiles().find((d) => d.agentKey === agentKey(agent) && d.profileId === PREFERENCES)?.etag ?? "";
      const own = { languagePreference: "fr-FR,en-GB", audioPreference: "off" };
      const changed = await fetch(prefsUrl, { method: "PUT", headers: { ...xapiHeaders, "Content-Type": "application/json", "If-Match": `"${etag}"` }, body: JSON.stringify(own) });
      expect(changed.status).toBe(204);

      // Another browser: nothing of the first session on this device, so the place comes from the LRS.
      const other = await openBrowser();
      try {
        const page = await other.newPage();
        await page.goto(lms.server.url);
        const handle = await page.waitForSelector("#cw-content");
        const frame = (await handle.contentFrame())!;
        await enterCourseIn(frame, true);
        expect(await frame.locator("[data-cw=resume]").isVisible()).toBe(true);
        await enterCourseIn(frame);
        expect(await new BrowserLearner(frame, course).here()).toBe(left);
        await page.close({ runBeforeUnload: true });
        const statements = await ended(lms.registration, au, 2);
        const sessions = [...new Set(statements.map(session))];
        expect(sessions).toHaveLength(2);
        const check = checkCmi5Statements(statements);
        expect(check.findings).toEqual([]);
        expect(check.sessions.map((s) => [s.verbs[0], s.verbs.at(-1)])).toEqual([
          ["initialized*", "terminated*"],
          ["initialized*", "terminated*"],
        ]);
        expect(statements.map(verb)).not.toContain("resumed");
        // The second launch read them and left them as the learner set them (the LMS writes If-None-Match: *).
        expect(preferenceReads(lms.server).map((r) => r.status)).toEqual([200, 200]);
        expect(storedPreferences(agent)).toEqual([own]);
        expect(unexpected(other.problems)).toEqual([]);
      } finally {
        await other.close();
      }
      expect(unexpected(browser.problems.splice(0))).toEqual([]);
    } finally {
      await lms.stop();
    }
  });

  it.each([
    ["Browse", /nothing is graded or recorded/],
    ["Review", /Review mode: .*nothing new is recorded/],
  ])("%s mode: the banner says so, the assessment can be taken, and only initialized and terminated are recorded; the progress document is not written", async (mode, banner) => {
    const lms = await lmsFor(single);
    const au = auId(course.id, "course");
    try {
      const { page, frame, learner } = await open(lms.server, `?launchMode=${mode}`);
      expect(await bannerOf(frame)).toMatch(banner);
      await learner.next();
      await learner.open("assessment", "assessment");
      await learner.takeAssessment(0);
      await page.close({ runBeforeUnload: true });
      const statements = await ended(lms.registration, au);
      expect(marked(statements.filter((s) => verb(s) !== "launched"))).toEqual(["initialized*", "terminated*"]);
      expect(checkCmi5Statements(statements).findings).toEqual([]);
      expect(lrs.stateDocuments().filter((d) => d.registration === lms.registration).map((d) => d.stateId)).toEqual(["LMS.LaunchData"]);
      expect(unexpected(browser.problems.splice(0))).toEqual([]);
    } finally {
      await lms.stop();
    }
  });

  it("the fetch URL used twice: the second launch says the LMS refused it and runs untracked, without an error; a reload of the first sends nothing after its terminated", async () => {
    const lms = await lmsFor(single);
    const au = auId(course.id, "course");
    try {
      const { page, frame, fetches } = await open(lms.server);
      await until(() => recorded(lms.registration, au).some((s) => verb(s) === "initialized") || undefined, "initialized");
      const launchUrl = frame.url();
      // A reload of the same launch in the same tab: leaving the page terminated its session (cmi5 §9.3.8:
      // nothing after it), so the reloaded page asks for no token, says so and records nothing.
      await frame.goto(launchUrl);
      const afterReload = await ended(lms.registration, au);
      await enterCourseIn(frame);
      expect(await bannerOf(frame)).toMatch(/This session has ended.*open the course again from the LMS/);
      await new BrowserLearner(frame, course).next();
      expect(fetches).toHaveLength(1);
      expect(recorded(lms.registration, au).length).toBe(afterReload.length);
      expect(marked(afterReload).at(-1)).toBe("terminated*");
      expect(checkCmi5Statements(afterReload).findings).toEqual([]);

      // The same launch URL in another browser (another tab's storage): the LMS answers error 1 (§8.2.3.1).
      const other = await openBrowser();
      try {
        const stolen = await other.newPage();
        await stolen.goto(launchUrl);
        await enterCourseIn(stolen);
        await until(async () => /already been returned/.test(await stolen.locator("[data-cw=banner]").innerText()) || undefined, "the LMS's refusal on the page");
        expect(await stolen.locator("[data-cw=banner]").innerText()).toMatch(/did not give this visit access .*not being recorded/);
        const before = lrs.statements().length;
        await new BrowserLearner(stolen, course).next();
        expect(await new BrowserLearner(stolen, course).here()).not.toBe("");
        await stolen.close({ runBeforeUnload: true });
        expect(lrs.statements().length).toBe(before);
        expect(other.problems.filter((p) => /pageerror/.test(p))).toEqual([]);
      } finally {
        await other.close();
      }
      await page.close();
      browser.problems.splice(0);
    } finally {
      await lms.stop();
    }
  });

  it("one AU per session: a session's AU completes (moveOn Completed met), the assessment's AU passes (moveOn Passed met); one registration, a session per launch", async () => {
    const lms = await lmsFor(perSession);
    const first = course.sessions[0]!;
    const firstAu = auId(course.id, first.id);
    const assessmentAu = auId(course.id, "assessment");
    try {
      const { page, frame, learner } = await open(lms.server);
      for (const p of first.pages) await learner.open(first.id, p.id);
      if (first.check) await passCheck(learner, course, first.id);
      await until(() => recorded(lms.registration, firstAu).some((s) => verb(s) === "completed" && defined(s)) || undefined, "the session AU's completed");
      await page.evaluate((id) => window.__cw.open(id), assessmentAu);
      const next = await contentFrame(page);
      expect(next).not.toBe(frame);
      const assessment = new BrowserLearner(next, course);
      await assessment.takeAssessment(0);
      await page.close({ runBeforeUnload: true });

      const sessionAu = await ended(lms.registration, firstAu);
      const sessionCheck = checkCmi5Statements(sessionAu);
      expect(sessionCheck.findings).toEqual([]);
      expect([sessionCheck.moveOn, sessionCheck.satisfied]).toEqual(["Completed", true]);
      expect(marked(sessionAu.filter(defined).filter((s) => verb(s) !== "launched"))).toEqual(["initialized*", "completed*", "terminated*"]);
      const completed = sessionAu.find((s) => verb(s) === "completed" && defined(s))!;
      expect(completed["result"]).toEqual({ completion: true, duration: expect.stringMatching(/^PT/) });
      expect(objectId(completed)).toBe(lmsActivityId(firstAu));

      const assessed = await ended(lms.registration, assessmentAu);
      const assessmentCheck = checkCmi5Statements(assessed);
      expect(assessmentCheck.findings).toEqual([]);
      expect([assessmentCheck.moveOn, assessmentCheck.satisfied]).toEqual(["Passed", true]);
      expect(obj(ctx(assessed.find((s) => verb(s) === "passed" && defined(s))!)["extensions"])[MASTERY_EXTENSION]).toBe(0.8);
      expect(new Set([...sessionAu, ...assessed].map(session)).size).toBe(2);
      for (const s of [...sessionAu, ...assessed]) expect(validateStatement(s as never), JSON.stringify(s)).toEqual([]);
      expect(unexpected(browser.problems.splice(0))).toEqual([]);
    } finally {
      await lms.stop();
    }
  });

  it("the LRS away mid-session: one notice, then nothing lost and nothing sent twice once it is back; the cmi5 rules kept", async () => {
    const lms = await lmsFor(single);
    const au = auId(course.id, "course");
    try {
      const { page, frame, learner } = await open(lms.server);
      await until(() => recorded(lms.registration, au).some((s) => verb(s) === "initialized") || undefined, "initialized");
      lrs.setFault({ down: true });
      await learner.next();
      await learner.next();
      await until(async () => /Can't reach the learning record store/.test(await bannerOf(frame)) || undefined, "the offline notice");
      lrs.setFault(null);
      await until(async () => /Connection restored/.test(await bannerOf(frame)) || undefined, "the restored notice", 45_000);
      await page.close({ runBeforeUnload: true });
      const statements = await ended(lms.registration, au);
      expect(new Set(statements.map((s) => s["id"])).size).toBe(statements.length);
      expect(statements.filter((s) => verb(s) === "experienced")).toHaveLength(3);
      expect(checkCmi5Statements(statements).findings).toEqual([]);
      browser.problems.splice(0);
    } finally {
      lrs.setFault(null);
      await lms.stop();
    }
  });

  it("a registration is a UUID the LMS made, and the launch names everything cmi5 §8.1 lists", async () => {
    const lms = await lmsFor(single);
    try {
      const page = await browser.newPage();
      await page.goto(lms.server.url);
      const frame = await contentFrame(page);
      const q = new URL(frame.url()).searchParams;
      expect([...q.keys()].sort()).toEqual(["activityId", "actor", "endpoint", "fetch", "registration"]);
      expect(q.get("registration")).toBe(lms.registration);
      expect(q.get("registration")).toMatch(/^[0-9a-f-]{36}$/);
      expect(q.get("activityId")).not.toBe(auId(course.id, "course"));
      expect(q.get("endpoint")).toBe(lrs.url);
      expect(randomUUID()).not.toBe(lms.registration);
      await page.close();
      browser.problems.splice(0);
    } finally {
      await lms.stop();
    }
  });
});
