// The built xAPI package in real Chromium, launched with TinCan parameters against the development LRS on
// 127.0.0.1 (another origin: CORS is real). The learner clicks; the assertions read the LRS.
import { enterCourseIn } from "./helpers/course-entry.js";
import { randomUUID } from "node:crypto";
import XAPI, { type Statement, type StatementsResponse } from "@xapi/xapi";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { startLrs, validateStatement, type RunningLrs } from "../src/lrs/index.js";
import { launchParameters } from "../src/standards/tincan/launch-query.js";
import type { Course } from "../src/model/course.js";
import { BrowserLearner, chromiumAvailable, openBrowser, serveDir, type Browser, type StaticServer } from "./helpers/browser.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { until } from "./helpers/wait.js";

const ACTOR = { objectType: "Agent", name: "Ada Learner", mbox: "mailto:ada@example.org" };
const V = (verb: string): string => `http://adlnet.gov/expapi/verbs/${verb}`;

let pkg: BuiltPackage;
let course: Course;
let lrs: RunningLrs;
let site: StaticServer;

beforeAll(async () => {
  course = loadCourse("content");
  // The assessment open from the start (requireSessions: false): these tests are about the statements; the
  // locked assessment is test/cover-completion.test.ts's.
  pkg = await buildAndUnpack({ target: "xapi", contentDir: ungatedContent().dir });
  lrs = await startLrs();
  site = await serveDir(pkg.dir);
});
afterAll(async () => {
  await site?.close();
  await lrs?.close();
  pkg?.cleanup();
});

function launchUrl(registration: string, overrides: Record<string, string> = {}): string {
  const params = launchParameters(lrs, { actor: ACTOR, registration });
  for (const [k, v] of Object.entries(overrides)) params.set(k, v);
  return `${site.url}index.html?${params.toString()}`;
}

async function fetchStatements(registration: string): Promise<Statement[]> {
  // The CJS build exposes the class as its own `.default` too: this spelling works under NodeNext and vitest.
  const xapi = new XAPI.default({ endpoint: lrs.url, auth: lrs.authorization });
  const out: Statement[] = [];
  const first = await xapi.getStatements({ registration, ascending: true, limit: 100 });
  let page: StatementsResponse = first.data as StatementsResponse;
  out.push(...page.statements);
  while (page.more) {
    page = (await xapi.getMoreStatements({ more: page.more })).data as StatementsResponse;
    out.push(...page.statements);
  }
  return out;
}

/** Statements still waiting in the page's durable queue. */
async function queued(page: Page): Promise<number> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => /^cw-xapi:[^:]+$/.test(k));
    return key ? (JSON.parse(localStorage.getItem(key) ?? "[]") as unknown[]).length : 0;
  });
}

async function drained(page: Page): Promise<void> {
  await until(async () => (await queued(page)) === 0 || undefined, "the statement queue to drain", 30_000).catch(async () => {
    throw new Error(`queue still holds ${await queued(page)} statements`);
  });
}


async function start(browser: Browser, url: string): Promise<{ page: Page; learner: BrowserLearner }> {
  const page = await browser.newPage();
  await page.goto(url);
  await enterCourseIn(page);
  return { page, learner: new BrowserLearner(page, course) };
}

/** Chrome logs every 4xx fetch; a 404 for a state document that does not exist yet is expected. */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter((p) => !/status of 404 \(Not Found\)/.test(p) && !/^http 404: GET \S+\/activities\/state\?/.test(p));
}

function verbsOf(statements: readonly Statement[]): string[] {
  return statements.map((s) => s.verb.id.replace("http://adlnet.gov/expapi/verbs/", ""));
}

describe.skipIf(!chromiumAvailable)("xAPI package in Chromium against the development LRS", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());
  // A failed test must not leave the LRS broken for the next one.
  afterEach(() => lrs.setFault(null));

  const registration = randomUUID();

  it("records a learner journey completely, validly and in order", async () => {
    const { page, learner } = await start(browser, launchUrl(registration));
    await learner.next(); // session 2
    await learner.next(); // session 3
    const s4 = course.sessions.find((s) => s.id === "what-is-peer-support");
    if (!s4?.check) throw new Error("session 4 needs a check");
    await learner.open(s4.id, s4.pages[0]?.id ?? "");
    for (let i = 1; i < s4.pages.length; i++) await learner.next();
    const first = s4.check.questions[0];
    if (!first) throw new Error("empty check");
    await learner.open(s4.id, "check");
    await learner.answer(s4.check.id, 0, first, false);
    await learner.check(s4.check.id, 0);
    await learner.passCheck(s4.id);
    await learner.open("assessment", "assessment");
    await learner.takeAssessment(6);
    await page.click("[data-cw=retake]");
    await learner.takeAssessment(0);
    await drained(page);
    await page.close({ runBeforeUnload: true });

    const statements = await until(async () => {
      const all = await fetchStatements(registration);
      return all.some((s) => s.verb.id === V("terminated")) ? all : undefined;
    }, "the terminated statement");
    const verbs = verbsOf(statements);
    expect(verbs[0]).toBe("initialized");
    expect(verbs.at(-1)).toBe("terminated");
    expect(verbs).not.toContain("suspended"); // the course was passed: nothing to resume
    for (const s of statements) {
      expect(validateStatement(s as never), JSON.stringify(s)).toEqual([]);
      expect(s.context?.registration).toBe(registration);
      expect(s.actor).toMatchObject({ mbox: ACTOR.mbox });
      expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const ids = new Set(statements.map((s) => s.id));
    expect(ids.size).toBe(statements.length);
    // Stored order = the order the learner acted in.
    const times = statements.map((s) => Date.parse(s.timestamp ?? ""));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const courseId = course.id;
    const experienced = statements.filter((s) => s.verb.id === V("experienced"));
    expect(experienced.map((s) => (s.object as { id: string }).id).slice(0, 3)).toEqual([
      `${courseId}/session/introduction/page/about-this-session`,
      `${courseId}/session/what-is-recovery/page/about-this-session`,
      `${courseId}/session/personal-recovery/page/about-this-session`,
    ]);
    const page0 = experienced[0];
    expect(page0?.context?.contextActivities?.parent?.[0]?.id).toBe(`${courseId}/session/introduction`);
    expect(page0?.context?.contextActivities?.grouping?.[0]?.id).toBe(courseId);

    const completedSessions = statements.filter((s) => s.verb.id === V("completed") && (s.object as { id: string }).id.includes("/session/"));
    expect(completedSessions.map((s) => (s.object as { id: string }).id)).toEqual(
      ["introduction", "what-is-recovery", "personal-recovery", "what-is-peer-support"].map((id) => `${courseId}/session/${id}`),
    );
    expect(completedSessions[0]?.result).toEqual({ completion: true });

    const answered = statements.filter((s) => s.verb.id === V("answered"));
    expect(answered).toHaveLength(1 + s4.check.questions.length + 2 * (course.assessment?.questions.length ?? 0));
    const firstAnswer = answered[0];
    const def = (firstAnswer?.object as { definition?: Record<string, unknown> }).definition;
    expect(def?.["type"]).toBe("http://adlnet.gov/expapi/activities/cmi.interaction");
    expect(def?.["interactionType"]).toBeDefined();
    expect(def?.["correctResponsesPattern"]).toHaveLength(first.type === "fill-in" ? first.answers.length : 1);
    expect(firstAnswer?.result?.success).toBe(false);
    expect(typeof firstAnswer?.result?.response).toBe("string");
    expect(answered[1]?.result?.success).toBe(true);
    for (const s of answered) {
      const d = (s.object as { definition: { interactionType: string; correctResponsesPattern: string[]; choices?: unknown[]; source?: unknown[]; target?: unknown[] } }).definition;
      if (d.interactionType === "choice" || d.interactionType === "sequencing") expect(d.choices?.length).toBeGreaterThan(1);
      if (d.interactionType === "matching") expect([d.source?.length, d.target?.length]).toEqual([expect.any(Number), d.source?.length]);
      if (s.result?.success) expect(d.correctResponsesPattern).toContain(s.result.response);
    }

    const assessment = statements.filter((s) => (s.object as { id: string }).id === `${courseId}/assessment/assessment` && s.verb.id !== V("answered"));
    // Its one page is the assessment itself (tincan.xml declares it), then the two attempts.
    expect(verbsOf(assessment)).toEqual(["experienced", "failed", "passed"]);
    expect(assessment[1]?.result).toMatchObject({ success: false, score: { scaled: 0.5, raw: 50, min: 0, max: 100 } });
    expect(assessment[2]?.result).toMatchObject({ success: true, completion: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } });
    const coursePassed = statements.find((s) => s.verb.id === V("passed") && (s.object as { id: string }).id === courseId);
    expect(coursePassed?.result?.score?.scaled).toBe(1);
    const terminated = statements.at(-1);
    expect(terminated?.result?.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);

    expect(lrs.requests.filter((r) => r.status === 400 || r.status === 409 || r.status === 412)).toEqual([]);
    expect(unexpected(browser.problems)).toEqual([]);
  });

  it("resumes the same registration where the learner left off, and starts a new registration afresh", async () => {
    const { page, learner } = await start(browser, launchUrl(registration));
    expect(await learner.here()).toBe("assessment-assessment");
    await page.locator("[data-cw=results]").waitFor({ state: "visible" });
    expect(await page.locator("#cw-menu [data-session-status='3']").textContent()).toBe("Complete");
    await until(async () => verbsOf(await fetchStatements(registration)).includes("resumed") || undefined, "a resumed statement");

    // Finishing every session completes the course.
    await learner.open("introduction", "about-this-session");
    const total = await page.locator("[data-page]").count();
    for (let i = 1; i < total; i++) await learner.next();
    // Session 4's check was passed before: a check answered correctly is done.
    for (const s of course.sessions) if (s.check && s.id !== "what-is-peer-support") await learner.passCheck(s.id);
    const completedCourse = await until(async () => {
      const all = await fetchStatements(registration);
      return all.find((s) => s.verb.id === V("completed") && (s.object as { id: string }).id === course.id);
    }, "the course's completed statement");
    expect(completedCourse.result?.completion).toBe(true);
    expect(completedCourse.result?.duration).toMatch(/^PT/);
    await page.close();

    const fresh = randomUUID();
    const other = await start(browser, launchUrl(fresh));
    expect(await other.learner.here()).toBe("introduction-about-this-session");
    expect(await other.page.locator("#cw-menu [data-session-status='3']").textContent()).toBe("Not started");
    await until(async () => verbsOf(await fetchStatements(fresh))[0] === "initialized" || undefined, "initialized for the new registration");
    await other.page.close();
    expect(unexpected(browser.problems)).toEqual([]);
  });

  it("loses nothing and duplicates nothing through 5xx, 429, slow answers, lost answers and an LRS outage with the tab closed", async () => {
    const reg = randomUUID();
    const url = launchUrl(reg);
    let { page, learner } = await start(browser, url);
    await drained(page);
    lrs.requests.length = 0;

    // Each fault stays until the content has met it, however slow the machine is.
    const hits = (tag: string): number => lrs.requests.filter((r) => r.fault && `${r.fault}:${r.status}` === tag).length;
    const meet = (tag: string, n: number): Promise<true> => until(() => hits(tag) >= n || undefined, `${n} × ${tag}`);

    lrs.setFault({ status: 503, count: 2 });
    await learner.next();
    await meet("status:503", 2);
    lrs.setFault({ status: 500, count: 1 });
    await learner.next();
    await meet("status:500", 1);
    await drained(page);

    lrs.setFault({ status: 429, count: 1, retryAfterSeconds: 1 });
    await learner.next();
    await meet("status:429", 1);
    await drained(page);

    lrs.setFault({ delayMs: 800, count: 3, scope: "statements" });
    await learner.next();
    await learner.next();
    await meet("delay:200", 1);
    await drained(page);

    // Stored, but the answer never arrives: the retry must not duplicate.
    lrs.setFault({ status: 200, dropResponse: true, count: 1 });
    await learner.next();
    await meet("drop:0", 1);
    await drained(page);

    // The LRS goes away; the learner carries on, then closes the tab with statements still queued.
    lrs.setFault({ down: true });
    await learner.next();
    await learner.next();
    const s5 = course.sessions.find((s) => s.id === "peer-relationship");
    const q0 = s5?.check?.questions[0];
    if (!s5?.check || !q0) throw new Error("session 5 needs a check");
    await learner.open(s5.id, "check");
    await learner.answer(s5.check.id, 0, q0, true);
    await learner.check(s5.check.id, 0);
    expect(await queued(page)).toBeGreaterThanOrEqual(4);
    await page.close({ runBeforeUnload: true });

    // Every fault really hit the statements resource.
    const faulted = lrs.requests.filter((r) => r.fault && r.path.endsWith("/statements")).map((r) => `${r.fault}:${r.status}`);
    expect(faulted, JSON.stringify(lrs.requests.map((r) => [r.method, r.path.slice(-12), r.status, r.fault ?? ""]))).toEqual(expect.arrayContaining(["status:503", "status:503", "status:500", "status:429", "drop:0", "delay:200"]));
    lrs.setFault(null);
    ({ page, learner } = await start(browser, url));
    await drained(page);
    expect(await learner.here()).toBe(`${s5.id}-check`);
    await page.close({ runBeforeUnload: true });

    const statements = await until(async () => {
      const all = await fetchStatements(reg);
      return verbsOf(all).filter((v) => v === "terminated").length === 2 ? all : undefined;
    }, "both sessions' terminated statements");
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    const verbs = verbsOf(statements);
    expect(verbs.filter((v) => v === "initialized")).toHaveLength(1);
    expect(verbs.filter((v) => v === "answered")).toHaveLength(1);
    expect(verbs.filter((v) => v === "suspended")).toHaveLength(2);
    const pages = statements.filter((s) => s.verb.id === V("experienced")).map((s) => (s.object as { id: string }).id.split("/session/")[1]);
    // The first eight page views, exactly once each and in the order they happened.
    expect(pages.slice(0, 9)).toEqual([
      "introduction/page/about-this-session",
      "what-is-recovery/page/about-this-session",
      "personal-recovery/page/about-this-session",
      "what-is-peer-support/page/about-this-session",
      "what-is-peer-support/page/the-peer-values-framework",
      "what-is-peer-support/page/why-develop-a-values-framework",
      "what-is-peer-support/page/introduction-to-the-six-values",
      "what-is-peer-support/page/check",
      "peer-relationship/page/about-this-session",
    ]);
    const times = statements.map((s) => Date.parse(s.timestamp ?? ""));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The injected faults show up as HTTP errors and failed requests; nothing else may.
    expect(unexpected(browser.problems).filter((p) => !/Failed to load resource|ERR_CONNECTION|net::|^http (429|500|503): POST \S+\/statements$|^requestfailed: /.test(p))).toEqual([]);
  });

  it("shows a 401 on the page and keeps the statements for later", async () => {
    const { page, learner } = await start(browser, launchUrl(randomUUID(), { auth: "Basic d3Jvbmc6d3Jvbmc=" }));
    await learner.next();
    const banner = page.locator("[data-cw=banner]");
    await banner.waitFor({ state: "visible" });
    expect(await banner.textContent()).toContain("refused our credentials");
    expect(await queued(page)).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it.each([
    ["no launch parameters at all", "", /without an LRS/],
    ["a malformed actor", "actor=%7Bnot-json&endpoint=http%3A%2F%2F127.0.0.1%3A1%2Fxapi%2F&auth=Basic+x", /actor/],
    ["a malformed endpoint", "endpoint=not-a-url&auth=Basic+x&actor=%7B%7D", /endpoint/],
  ])("runs untracked with a visible notice when launched with %s", async (_what, query, text) => {
    const page = await browser.newPage();
    await page.goto(`${site.url}index.html${query ? `?${query}` : ""}`);
    const banner = page.locator("[data-cw=banner]");
    await banner.waitFor({ state: "visible" });
    expect(await banner.textContent()).toMatch(text);
    await page.click("[data-cw=next]");
    await page.close();
  });
});
