// xAPI pieces on their own: launch parameters, the durable queue's delivery rules, statement shapes,
// and the TinCan package structure (no npm package carries tincan.xsd, so the structure is checked here).
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import type { Statement } from "@xapi/xapi";
import { JSDOM } from "jsdom";
import { loadCourse } from "../src/content/load-course.js";
import { randomUUID } from "node:crypto";
import { startLrs, validateStatement, type RunningLrs } from "../src/lrs/index.js";
import { launchParameters } from "../src/standards/tincan/launch-query.js";
import { decodeState, encodeState } from "../src/runtime/core/state-codec.js";
import { emptyState, progress, type LearnerState } from "../src/runtime/core/state.js";
import type { Snapshot } from "../src/runtime/tracking/tracker.js";
import { mergeProgress, type ProgressDocument } from "../src/standards/common/xapi/progress-merge.js";
import { StateWriter } from "../src/standards/common/xapi/state-writer.js";
import { XapiTracker } from "../src/standards/tincan/runtime/tracker.js";
import { until } from "./helpers/wait.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { say } from "../src/runtime/core/messages.js";
import { XAPI_MESSAGES } from "../src/standards/common/xapi/messages.js";
import { TINCAN_MESSAGES } from "../src/standards/tincan/messages.js";
import { tincanPackager } from "../src/standards/tincan/packager.js";
import { parseLaunch, type TinCanLaunch } from "../src/standards/tincan/runtime/launch.js";
import { LrsClient, type SendOutcome } from "../src/standards/common/xapi/lrs-client.js";
import { StatementQueue, type KeyValueStore } from "../src/standards/common/xapi/statement-queue.js";
import { StatementFactory, uuid, xapiResponse } from "../src/standards/common/xapi/statements.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { readZip } from "./helpers/unzip.js";

const actor = { objectType: "Agent" as const, name: "Ada", mbox: "mailto:ada@example.org" };
const q = (params: Record<string, string>): string => `?${new URLSearchParams(params).toString()}`;
const good = { endpoint: "https://lrs.example.org/xapi", auth: "Basic YTpi", actor: JSON.stringify(actor), registration: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" };

describe("TinCan launch parameters", () => {
  const launched = (search: string): TinCanLaunch => {
    const r = parseLaunch(search);
    if (typeof r === "string") throw new Error(`not launched: ${r}`);
    return r;
  };

  it("reads a complete launch, with '+' for spaces and a trailing slash added to the endpoint", () => {
    const r = launched(q({ ...good, activity_id: "https://example.org/c", grouping: "https://example.org/g1" }));
    expect(r.endpoint).toBe("https://lrs.example.org/xapi/");
    expect(r.auth).toBe("Basic YTpi"); // URLSearchParams encoded the space as '+'
    expect(r.actor).toEqual(actor);
    expect(r.registration).toBe(good.registration);
    expect(r.activityId).toBe("https://example.org/c");
    expect(r.grouping).toEqual(["https://example.org/g1"]);
  });

  it("accepts %20 for spaces and TinCan's array-valued actor fields", () => {
    const search = `?endpoint=https%3A%2F%2Flrs.example.org%2Fxapi%2F&auth=Basic%20YTpi&actor=${encodeURIComponent('{"name":["Ada"],"mbox":["mailto:ada@example.org"]}')}`;
    const r = launched(search);
    expect(r.auth).toBe("Basic YTpi");
    expect(r.actor).toEqual({ objectType: "Agent", name: "Ada", mbox: "mailto:ada@example.org" });
  });

  it("accepts account and mbox_sha1sum actors", () => {
    const account = launched(q({ ...good, actor: JSON.stringify({ account: { homePage: ["https://lms.example.org"], name: "u42" } }) }));
    expect(account.actor.account).toEqual({ homePage: "https://lms.example.org", name: "u42" });
    const sha = launched(q({ ...good, actor: JSON.stringify({ mbox_sha1sum: "a".repeat(40) }) }));
    expect(sha.actor.mbox_sha1sum).toBe("a".repeat(40));
  });

  it("says when nothing was given (untracked, not an error)", () => {
    expect(parseLaunch("")).toBe("");
  });

  it.each([
    ["no endpoint", { ...good, endpoint: "" }, /endpoint/],
    ["an endpoint that is not a URL", { ...good, endpoint: "lrs.example.org" }, /endpoint/],
    ["a non-http endpoint", { ...good, endpoint: "ftp://lrs.example.org/" }, /endpoint/],
    ["no auth", { ...good, auth: "" }, /auth/],
    ["an auth without scheme", { ...good, auth: "YTpi" }, /auth/],
    ["actor that is not JSON", { ...good, actor: "{oops" }, /actor/],
    ["actor with two identifiers", { ...good, actor: JSON.stringify({ mbox: "mailto:a@b.c", openid: "https://x.y/z" }) }, /actor/],
    ["actor with a bad mbox", { ...good, actor: JSON.stringify({ mbox: "ada@example.org" }) }, /actor/],
    ["a registration that is not a UUID", { ...good, registration: "42" }, /registration/],
    ["an activity_id that is not an IRI", { ...good, activity_id: "course 1" }, /activity_id/],
    ["actor that is not an object", { ...good, actor: "null" }, /actor/],
    ["actor with an empty mbox", { ...good, actor: JSON.stringify({ mbox: null }) }, /actor/],
    ["account without a name", { ...good, actor: JSON.stringify({ account: { homePage: "https://lms.example.org" } }) }, /actor/],
    ["account whose homePage is no IRI", { ...good, actor: JSON.stringify({ account: { homePage: "lms", name: "u42" } }) }, /actor/],
  ])("rejects %s with a reason", (_what, params, reason) => {
    const r = parseLaunch(q(params));
    expect(typeof r).toBe("string");
    expect(r).toMatch(reason);
  });
});

const launch: TinCanLaunch = { endpoint: "https://lrs.example.org/xapi/", auth: "Basic YTpi", actor, registration: good.registration, grouping: [] };

class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, v);
  }
}

/** A client whose answers the test scripts; it records every batch it was given. */
function scriptedClient(answers: SendOutcome[]) {
  const batches: string[][] = [];
  const client = new LrsClient(launch, () => Promise.reject(new Error("not used")));
  client.postStatements = (statements) => {
    batches.push(statements.map((s) => s.id ?? ""));
    return Promise.resolve(answers.shift() ?? { status: 200 });
  };
  return { client, batches };
}

const st = (n: number): Statement => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, actor, verb: { id: "http://adlnet.gov/expapi/verbs/experienced" }, object: { id: `https://example.org/p/${n}` } });

describe("durable statement queue", () => {
  afterEach(() => vi.useRealTimers());

  it("keeps statements in storage until the LRS confirms them, and survives a reload", async () => {
    const store = new MemoryStore();
    const { client } = scriptedClient([{ status: 0 }]);
    const queue = new StatementQueue(client, store, "k", { baseDelayMs: 10_000 });
    queue.enqueue([st(1), st(2)]);
    await queue.flush();
    expect(JSON.parse(store.getItem("k") ?? "[]")).toHaveLength(2);
    queue.stop();
    const reloaded = scriptedClient([]);
    const next = new StatementQueue(reloaded.client, store, "k");
    await next.flush();
    expect(reloaded.batches).toEqual([[st(1).id, st(2).id]]);
    expect(JSON.parse(store.getItem("k") ?? "[]")).toEqual([]);
  });

  it("retries with exponential back-off on network errors, 5xx and 429 (honouring Retry-After), in order", async () => {
    vi.useFakeTimers();
    const { client, batches } = scriptedClient([{ status: 0 }, { status: 503 }, { status: 429, retryAfter: 30 }, { status: 200 }]);
    const queue = new StatementQueue(client, new MemoryStore(), "k", { baseDelayMs: 1000, batchSize: 2 });
    queue.enqueue([st(1), st(2), st(3)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(900);
    expect(batches).toHaveLength(1); // not before ~1 s
    await vi.advanceTimersByTimeAsync(400);
    expect(batches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2500);
    expect(batches).toHaveLength(3); // after ~2 s more
    await vi.advanceTimersByTimeAsync(20_000);
    expect(batches).toHaveLength(3); // Retry-After: 30 s
    await vi.advanceTimersByTimeAsync(11_000);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 2, 1]);
    expect(batches.flat().slice(-3)).toEqual([st(1).id, st(2).id, st(3).id]);
    expect(queue.pending).toEqual([]);
  });

  it("treats 409 (id already stored) as delivered", async () => {
    const { client } = scriptedClient([{ status: 409 }]);
    const queue = new StatementQueue(client, new MemoryStore(), "k");
    queue.enqueue([st(1)]);
    await queue.flush();
    expect(queue.pending).toEqual([]);
    expect(queue.parked).toEqual([]);
  });

  it("isolates and parks a statement the LRS rejects, reports it, and delivers the rest in order", async () => {
    const problems: string[] = [];
    // Batch of 3 → 400; then one by one: ok, 400 (the bad one), ok.
    const { client, batches } = scriptedClient([{ status: 400, text: "bad" }, { status: 200 }, { status: 400, text: "result.success: null" }, { status: 200 }, { status: 200 }]);
    const queue = new StatementQueue(client, new MemoryStore(), "k", { onProblem: (k, status) => problems.push(say({ messages: XAPI_MESSAGES }, k, status)) });
    vi.spyOn(console, "error").mockImplementation(() => {});
    queue.enqueue([st(1), st(2), st(3)]);
    await queue.flush();
    queue.enqueue([st(4)]);
    await queue.flush();
    expect(batches).toEqual([[st(1).id, st(2).id, st(3).id], [st(1).id], [st(2).id], [st(3).id], [st(4).id]]);
    expect(queue.parked.map((s) => s.id)).toEqual([st(2).id]);
    expect(queue.pending).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/rejected/);
  });

  it("on 401 reports the refused credentials and keeps the queue", async () => {
    vi.useFakeTimers();
    const problems: string[] = [];
    const { client } = scriptedClient([{ status: 401 }]);
    const queue = new StatementQueue(client, new MemoryStore(), "k", { onProblem: (k, status) => problems.push(say({ messages: XAPI_MESSAGES }, k, status)) });
    queue.enqueue([st(1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(problems[0]).toMatch(/refused our credentials/);
    expect(queue.pending).toHaveLength(1);
    queue.stop();
  });

  it("on exit hands everything to keepalive requests within the browser's 64 KiB budget", () => {
    const sent: { ids: number; keepalive: boolean; bytes: number }[] = [];
    const client = new LrsClient(launch, () => Promise.reject(new Error("unused")));
    client.postStatements = (statements, keepalive = false) => {
      sent.push({ ids: statements.length, keepalive, bytes: JSON.stringify(statements).length });
      return Promise.resolve({ status: 200 });
    };
    const queue = new StatementQueue(client, new MemoryStore(), "k");
    const big = Array.from({ length: 300 }, (_, i) => ({ ...st(i), object: { id: `https://example.org/p/${i}/${"x".repeat(300)}` } }));
    queue.enqueue(big);
    queue.flushOnExit();
    expect(sent.every((s) => s.keepalive && s.bytes < 64 * 1024)).toBe(true);
    expect(sent.reduce((n, s) => n + s.ids, 0)).toBe(300);
    expect(queue.pending).toHaveLength(300); // kept until a later launch confirms them
    queue.stop();
  });
});

describe("statements", () => {
  const course = loadCourse("content");
  const data = runtimeCourse(course, planUnits(course, false)[0]!, TINCAN_MESSAGES, tincanPackager.runtimeData);
  const dom = new JSDOM("");
  beforeAll(() => vi.stubGlobal("crypto", dom.window.crypto ?? globalThis.crypto));
  afterAll(() => vi.unstubAllGlobals());
  const f = new StatementFactory(data, { ...launch, grouping: ["https://lms.example.org/course/7"] }, "en-GB");
  const quiz = data.quizzes["assessment"]!;

  it("makes RFC 4122 v4 ids", () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuid()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("builds valid statements for every question type, with the interaction grammar", () => {
    for (const q of quiz.questions) {
      const answer = q.type === "true-false" ? Boolean(q.answer) : q.type === "fill-in" ? (q.accepted?.[0] ?? "") : q.type === "single-choice" || q.type === "multiple-response" ? [...(q.correct ?? [])] : q.options.map((_, i) => i);
      const [s] = f.of({ kind: "answer", quizId: "assessment", objective: "assessment", graded: true, question: q, answer, correct: true, latencyMs: 1500, at: new Date() }, 0);
      if (!s) throw new Error("no statement");
      expect(validateStatement(s as never), q.id).toEqual([]);
      const def = (s.object as { definition: { correctResponsesPattern: string[] } }).definition;
      expect(def.correctResponsesPattern, q.id).toContain(xapiResponse(q, answer));
      expect(s.context?.contextActivities?.parent?.[0]?.id).toBe(`${course.id}/assessment/assessment`);
      expect(s.context?.contextActivities?.grouping?.map((a) => a.id)).toEqual([course.id, "https://lms.example.org/course/7"]);
      expect(s.context?.registration).toBe(launch.registration);
      expect(s.result?.duration).toBe("PT1.5S");
    }
  });

  it("scores attempts with scaled, raw, min and max", () => {
    const [s, course] = f.of({ kind: "attempt", quizId: "assessment", score: 66.67, passed: false, attempt: 3, final: true, durationMs: 61_000 }, 125_000);
    expect(s?.result).toEqual({ score: { scaled: 0.6667, raw: 66.67, min: 0, max: 100 }, success: false, completion: true, duration: "PT1M1S" });
    expect(validateStatement(s as never)).toEqual([]);
    // The final attempt decides the course: the same result, timed by the whole session.
    expect((course?.object as { id: string }).id).toBe(data.id);
    expect(course?.result?.duration).toBe("PT2M5S");
  });

  it("names each activity as the learner reads it: the page's heading, the check's title, the numbered session", () => {
    const name = (s: Statement | undefined): string | undefined => (s?.object as { definition?: { name?: Record<string, string> } }).definition?.name?.[course.language];
    const s4 = course.sessions[3]!;
    const [page] = f.of({ kind: "page", page: { index: 0, session: 3, sessionId: s4.id, pageId: s4.pages[1]!.id }, title: "" }, 0);
    expect(name(page)).toBe(s4.pages[1]!.title);
    expect(page?.context?.contextActivities?.parent?.map((a) => [a.id, (a.definition?.name as Record<string, string>)[course.language]])).toEqual([[`${course.id}/session/${s4.id}`, `Session 4: ${s4.title}`]]);
    const [check] = f.of({ kind: "page", page: { index: 0, session: 3, sessionId: s4.id, pageId: "check" }, title: "" }, 0);
    expect([(check?.object as { id: string }).id, name(check)]).toEqual([`${course.id}/session/${s4.id}/page/check`, s4.check?.title]);
    const [assessment] = f.of({ kind: "page", page: { index: 0, session: 7, sessionId: "assessment", pageId: "assessment" }, title: "" }, 0);
    expect([(assessment?.object as { id: string }).id, name(assessment)]).toEqual([`${course.id}/assessment/assessment`, course.assessment?.title]);
    expect(assessment?.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([course.id]);
    expect(assessment?.context?.contextActivities?.grouping?.map((a) => a.id)).toEqual(["https://lms.example.org/course/7"]);
    const checkQuestion = data.quizzes[s4.check!.id]!.questions[0]!;
    const [answer] = f.of({ kind: "answer", quizId: s4.check!.id, objective: s4.id, graded: false, question: checkQuestion, answer: [0], correct: false, latencyMs: 0, at: new Date() }, 0);
    expect(answer?.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([`${course.id}/session/${s4.id}`]);
    expect((answer?.object as { definition?: { description?: Record<string, string> } }).definition?.description?.[course.language]).toBe(checkQuestion.prompt);
  });

  it("uses activity_id from the launch as the course activity", () => {
    const g = new StatementFactory(data, { ...launch, activityId: "https://lms.example.org/activity/99" }, "en-GB");
    expect((g.courseEvent("initialized").object as { id: string }).id).toBe("https://lms.example.org/activity/99");
    const [page] = g.of({ kind: "page", page: { index: 0, session: 0, sessionId: "introduction", pageId: "about-this-session" }, title: "About" }, 0);
    expect((page?.object as { id: string }).id).toBe("https://lms.example.org/activity/99/session/introduction/page/about-this-session");
  });
});

describe("TinCan package", () => {
  let pkg: BuiltPackage;
  const course = loadCourse("content");
  beforeAll(async () => {
    pkg = await buildAndUnpack({ target: "xapi" });
  });
  afterAll(() => pkg?.cleanup());

  it("has one tincan.xml at the root describing the course, its sessions and the assessment", () => {
    const files = readZip(pkg.zip);
    const xml = files.get("tincan.xml")?.toString("utf8") ?? "";
    const doc = new JSDOM(xml, { contentType: "text/xml" }).window.document;
    const root = doc.documentElement;
    expect(root.localName).toBe("tincan");
    expect(root.namespaceURI).toBe("http://projecttincan.com/tincan.xsd");
    const activities = [...doc.getElementsByTagName("activity")];
    expect(activities).toHaveLength(course.sessions.length + 2);
    expect(doc.getElementsByTagName("activities")).toHaveLength(1);
    for (const a of activities) {
      expect(a.getAttribute("id")).toMatch(/^https:\/\/\S+$/);
      expect(a.getAttribute("type")).toMatch(/^http:\/\/adlnet\.gov\/expapi\/activities\/(course|module|assessment)$/);
      const children = [...a.children].map((c) => c.localName);
      expect(children.slice(0, 2)).toEqual(["name", "description"]);
      for (const c of [...a.children]) expect(c.getAttribute("lang")).toBe(course.language);
    }
    const launches = [...doc.getElementsByTagName("launch")];
    expect(launches).toHaveLength(1);
    expect(launches[0]?.parentElement?.getAttribute("id")).toBe(course.id);
    expect(files.has(launches[0]?.textContent ?? "")).toBe(true);
    expect(activities.map((a) => a.getAttribute("id"))).toEqual([
      course.id,
      ...course.sessions.map((s) => `${course.id}/session/${s.id}`),
      `${course.id}/assessment/assessment`,
    ]);
    expect([...files.keys()].filter((k) => k.endsWith("tincan.xml"))).toEqual(["tincan.xml"]);
  });

  it("rebuilds byte-identical", async () => {
    const again = await buildAndUnpack({ target: "xapi" });
    try {
      const { readFileSync } = await import("node:fs");
      expect(readFileSync(again.zip).equals(readFileSync(pkg.zip))).toBe(true);
    } finally {
      again.cleanup();
    }
  });
});

describe("LRS client over real HTTP: deadlines and confirmed ids (development LRS)", () => {
  let lrs: RunningLrs;
  let client: LrsClient;
  const ids = [st(901), st(902)];
  beforeAll(async () => {
    lrs = await startLrs();
    client = new LrsClient({ ...launch, endpoint: lrs.url, auth: lrs.authorization }, (u, i) => fetch(u, i), 300);
  });
  afterEach(() => lrs.setFault(null));
  afterAll(async () => lrs?.close());

  it("gives up on an LRS that never answers (status 0 / a thrown read), instead of waiting forever", async () => {
    lrs.setFault({ hang: true });
    expect((await client.postStatements(ids)).status).toBe(0);
    await expect(client.getState("https://example.org/c", "s")).rejects.toThrow();
    expect((await client.putState("https://example.org/c", "s", "{}", undefined)).status).toBe(0);
    expect(lrs.requests.filter((r) => r.fault === "hang")).toHaveLength(3);
  });

  it.each([
    ["not JSON", "<html>portal</html>"],
    ["empty", ""],
    ["not an array", '{"ok":true}'],
    ["too short", JSON.stringify([ids[0]?.id])],
    ["other ids", JSON.stringify(ids.map(() => "00000000-0000-4000-8000-00000000dead"))],
  ])("a 200 whose body is %s confirms nothing (status 0: retried, not dropped)", async (_what, body) => {
    lrs.setFault({ reply: body, count: 1 });
    expect(await client.postStatements(ids)).toMatchObject({ status: 0 });
  });

  it("a 200 with our ids (in any case) is a delivery", async () => {
    expect((await client.postStatements(ids.map((s) => ({ ...s, id: s.id?.toUpperCase() })))).status).toBe(200);
  });
});

describe("merging two copies of the learner's progress", () => {
  const course = loadCourse("content");
  const data = runtimeCourse(course, planUnits(course, false)[0]!);
  const docOf = (mut: (s: LearnerState) => void, location: string, updated: number): ProgressDocument => {
    const s = emptyState(data);
    mut(s);
    return { v: 1, location, state: encodeState(data, s), updated };
  };

  it("keeps every page seen on either copy, each quiz from the copy that went further, a pass from either, and my position", () => {
    const other = docOf((s) => {
      s.visited[5] = true;
      Object.assign(s.quizzes["assessment"]!, { attempts: 2, best: 90, last: 90, passed: true, submitted: true });
    }, "b/2", 2);
    const mine = docOf((s) => {
      s.visited[1] = true;
      Object.assign(s.quizzes["assessment"]!, { attempts: 3, best: 40, last: 40, passed: false, submitted: true });
    }, "a/1", 1);
    const merged = mergeProgress(data, other, mine);
    const state = decodeState(data, merged.state)!;
    expect(merged.location).toBe("a/1");
    expect([state.visited[1], state.visited[5], state.visited[2]]).toEqual([true, true, false]);
    expect(state.quizzes["assessment"]).toMatchObject({ attempts: 3, passed: true, best: 90, last: 40 });
  });

  it("ignores a copy written for another structure of the course", () => {
    const mine = docOf((s) => (s.visited[0] = true), "a/1", 1);
    expect(mergeProgress(data, { v: 1, location: "x/y", state: "1|other|0||", updated: 9 }, mine)).toEqual(mine);
  });
});

describe("the State API writer", () => {
  afterEach(() => vi.useRealTimers());
  const doc = (location: string): ProgressDocument => ({ v: 1, location, state: "", updated: Date.now() });

  /** A client whose State answers the test scripts; it records every request. */
  function stateClient(puts: number[], stored?: ProgressDocument) {
    const log: string[] = [];
    const client = new LrsClient(launch, () => Promise.reject(new Error("not used")));
    client.getState = () => {
      log.push("GET");
      return Promise.resolve(stored ? { body: JSON.stringify(stored), etag: '"e1"' } : undefined);
    };
    client.putState = (_a, _s, body, etag, keepalive) => {
      log.push(`PUT ${(JSON.parse(body) as ProgressDocument).location} ${etag ?? "new"}${keepalive ? " keepalive" : ""}`);
      return Promise.resolve({ status: puts.shift() ?? 204, etag: '"e2"' });
    };
    return { client, log };
  }
  const options = { merge: (_o: ProgressDocument, m: ProgressDocument) => m, onLink: () => {}, onRemote: () => {} };

  it("writes only the latest document, one request at a time, and backs off during an outage instead of writing per click", async () => {
    vi.useFakeTimers();
    const { client, log } = stateClient([0, 0, 0]);
    const links: boolean[] = [];
    const w = new StateWriter(client, "https://example.org/c", new MemoryStore(), "k", { ...options, onLink: (ok) => links.push(ok) });
    await w.open();
    for (let i = 1; i <= 10; i++) w.write(doc(`p/${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["GET", "PUT p/1 new"]);
    await vi.advanceTimersByTimeAsync(1300); // 1 s back-off
    expect(log.slice(2)).toEqual(["PUT p/10 new"]); // the latest only
    await vi.advanceTimersByTimeAsync(2500); // 2 s
    await vi.advanceTimersByTimeAsync(5000); // 4 s: answered this time
    expect(log.slice(3)).toEqual(["PUT p/10 new", "PUT p/10 new"]);
    expect(w.settled()).toBe(true);
    expect(links).toEqual([true, false, false, false, true]);
    w.stop();
  });

  it("on 412 reads the LRS copy again, merges it in and writes with its ETag", async () => {
    const theirs = doc("theirs/1");
    const { client, log } = stateClient([412, 204], theirs);
    const merged: string[] = [];
    const w = new StateWriter(client, "https://example.org/c", new MemoryStore(), "k", {
      ...options,
      merge: (o, m) => (merged.push(`${o.location}+${m.location}`), m),
    });
    await w.open();
    w.write(doc("mine/2"));
    await until(() => w.settled() || undefined, "the write");
    expect(log).toEqual(["GET", 'PUT mine/2 "e1"', "GET", 'PUT mine/2 "e1"']);
    // Merged when written (the copy read at launch) and again after the 412's read.
    expect(merged).toEqual(["theirs/1+mine/2", "theirs/1+mine/2"]);
  });

  it("on exit sends one keepalive PUT of the latest document; with a PUT in flight it uses If-Match: *", async () => {
    const { client, log } = stateClient([], doc("earlier/1"));
    const w = new StateWriter(client, "https://example.org/c", new MemoryStore(), "k", options);
    await w.open();
    w.write(doc("p/1")); // in flight
    w.exit(doc("p/2"));
    expect(log).toEqual(["GET", 'PUT p/1 "e1"', "PUT p/2 * keepalive"]);
  });
});

describe("what the xAPI tracker tells the learner and the Exit screen", () => {
  const course = loadCourse("content");
  const data = runtimeCourse(course, planUnits(course, false)[0]!, TINCAN_MESSAGES, tincanPackager.runtimeData);
  let lrs: RunningLrs;
  beforeAll(async () => {
    lrs = await startLrs();
  });
  afterEach(() => lrs.setFault(null));
  afterAll(async () => lrs?.close());

  const snapshot = (location: string): Snapshot => {
    const s = emptyState(data);
    return { location, state: encodeState(data, s), compactState: "", progress: progress(data, s) };
  };
  const open = (query: string) => {
    const dom = new JSDOM("", { url: `https://course.example.org/index.html${query}` });
    const notices: (string | null)[] = [];
    const tracker = new XapiTracker(dom.window as unknown as Window, { fetch: (u, i) => fetch(u, i), storage: new MemoryStore(), baseDelayMs: 50, timeoutMs: 500 });
    tracker.onNotice = (_k, m) => notices.push(m);
    return { tracker, notices };
  };
  const launched = () => `?${launchParameters(lrs, { actor, registration: randomUUID() }).toString()}`;

  it("untracked without a launch", async () => {
    const { tracker } = open("");
    expect((await tracker.start(data)).tracked).toBe(false);
    expect(tracker.saveStatus()).toBe("untracked");
  });

  it("pending while sending, saved once the LRS confirmed statements and state; failed after a refusal", async () => {
    const { tracker } = open(launched());
    await tracker.start(data);
    tracker.record([], snapshot("introduction/about-this-session"));
    expect(tracker.saveStatus()).toBe("pending");
    await until(() => tracker.saveStatus() === "saved" || undefined, "saved");
    vi.spyOn(console, "error").mockImplementation(() => {});
    lrs.setFault({ status: 400 });
    tracker.record([{ kind: "course-complete" }], snapshot("introduction/about-this-session"));
    await until(() => tracker.saveStatus() === "failed" || undefined, "failed");
  });

  it("an unreachable LRS is said once, and its return once", async () => {
    lrs.setFault({ down: true });
    const { tracker, notices } = open(launched());
    await tracker.start(data);
    for (let i = 0; i < 5; i++) tracker.record([{ kind: "course-complete" }], snapshot(`introduction/p${i}`));
    await until(() => notices.length > 0 || undefined, "the notice");
    await new Promise((r) => setTimeout(r, 400)); // several failed retries meanwhile
    lrs.setFault(null);
    await until(() => notices.length > 1 || undefined, "the restored notice", 15_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(notices)} ${tracker.saveStatus()} ${JSON.stringify(lrs.requests.slice(-5))}`);
    });
    expect(notices).toEqual([expect.stringMatching(/Can't reach/), expect.stringMatching(/Connection restored/)]);
    expect(tracker.saveStatus()).toBe("saved");
  });
});
