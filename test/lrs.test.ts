// The development LRS over real HTTP on 127.0.0.1: xAPI 1.0.3 Statement, State and About resources, auth,
// versioning, CORS, strict validation, duplicate-safe storage, paging, voiding, and the fault-injection hooks.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startLrs, startPreviewLrs, type JsonObject, type JsonValue, type RunningLrs } from "../src/lrs/index.js";
import { launchParameters } from "../src/standards/tincan/launch-query.js";
import { asArray, asObject, COURSE, learner, statement, VERBS, xapiClient, type XapiResponse } from "./helpers/lrs-client.js";

let lrs: RunningLrs;
let xapi: ReturnType<typeof xapiClient>;

beforeAll(async () => {
  lrs = await startLrs({ port: 0, dbFile: ":memory:" });
  xapi = xapiClient(lrs);
});
afterAll(async () => {
  await lrs?.close();
});
beforeEach(() => {
  lrs.setFault(null);
});

function ids(res: XapiResponse): string[] {
  return asArray(res.json).map(String);
}

function statementsOf(res: XapiResponse): JsonObject[] {
  return asArray(asObject(res.json)["statements"]).map(asObject);
}

function storedIds(): string[] {
  return lrs.statements().map((s) => String(s["id"]));
}

async function post(body: JsonValue): Promise<XapiResponse> {
  return xapi({ method: "POST", path: "statements", body });
}

describe("about, authentication, version header, CORS", () => {
  it("serves /about publicly with the supported version", async () => {
    const res = await xapi({ path: "about", noAuth: true, noVersion: true });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ version: ["1.0.3"] });
    expect(res.headers.get("x-experience-api-version")).toBe("1.0.3");
  });

  it("binds to 127.0.0.1 under /xapi/", () => {
    expect(lrs.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/xapi\/$/);
  });

  it("answers 401 with WWW-Authenticate without or with wrong credentials", async () => {
    const none = await xapi({ path: "statements", noAuth: true });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(none.headers.get("x-experience-api-version")).toBe("1.0.3");
    const wrong = await xapi({
      path: "statements",
      noAuth: true,
      headers: { Authorization: `Basic ${Buffer.from("coursewright:nope").toString("base64")}` },
    });
    expect(wrong.status).toBe(401);
  });

  it("requires X-Experience-API-Version 1.0.x on xAPI resources", async () => {
    const missing = await xapi({ path: "statements", noVersion: true });
    expect(missing.status).toBe(400);
    expect(asObject(missing.json)["error"]).toMatch(/X-Experience-API-Version/);
    expect(missing.headers.get("x-experience-api-version")).toBe("1.0.3");
    const old = await xapi({ path: "statements", noVersion: true, headers: { "X-Experience-API-Version": "0.95" } });
    expect(old.status).toBe(400);
    for (const v of ["1.0", "1.0.0", "1.0.3"]) {
      const ok = await xapi({ path: "statements", noVersion: true, headers: { "X-Experience-API-Version": v } });
      expect(ok.status, v).toBe(200);
    }
  });

  it("answers CORS preflights for any origin and exposes the xAPI headers", async () => {
    const pre = await fetch(new URL("statements", lrs.url), {
      method: "OPTIONS",
      headers: {
        Origin: "http://127.0.0.1:9999",
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version,if-match",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:9999");
    const allowed = (pre.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const h of ["authorization", "content-type", "x-experience-api-version", "if-match", "if-none-match"]) {
      expect(allowed).toContain(h);
    }
    expect(pre.headers.get("access-control-allow-methods")).toContain("PUT");

    const res = await xapi({ path: "statements", headers: { Origin: "http://localhost:1234" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:1234");
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase();
    for (const h of ["etag", "last-modified", "x-experience-api-consistent-through", "x-experience-api-version"]) {
      expect(exposed).toContain(h);
    }
  });
});

describe("storing statements", () => {
  it("stores a valid statement and returns it by id with stored, authority and version set", async () => {
    const s = statement();
    const res = await post(s);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([s["id"]]);

    const got = await xapi({ path: "statements", query: { statementId: String(s["id"]) } });
    expect(got.status).toBe(200);
    expect(got.headers.get("x-experience-api-consistent-through")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(got.headers.get("last-modified")).toBeTruthy();
    const back = asObject(got.json);
    expect(back).toMatchObject(s);
    expect(typeof back["stored"]).toBe("string");
    expect(back["version"]).toBe("1.0.0");
    expect(asObject(back["authority"])["objectType"]).toBe("Agent");
    expect(lrs.statements().at(-1)).toEqual(back);
  });

  it("assigns an id when the statement has none, and a timestamp equal to stored", async () => {
    const { id: _id, timestamp: _ts, ...noId } = statement();
    const res = await post(noId);
    expect(res.status).toBe(200);
    const [id] = ids(res);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const back = asObject((await xapi({ path: "statements", query: { statementId: String(id) } })).json);
    expect(back["timestamp"]).toBe(back["stored"]);
  });

  it("stores a batch in order and returns the ids in order", async () => {
    const batch = [statement(), statement({ verb: { id: VERBS.completed, display: { "en-US": "completed" } } })];
    const res = await post(batch);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(batch.map((s) => s["id"]));
    expect(storedIds().slice(-2)).toEqual(batch.map((s) => s["id"]));
  });

  it("stores with PUT ?statementId= and answers 204", async () => {
    const s = statement();
    const res = await xapi({ method: "PUT", path: "statements", query: { statementId: String(s["id"]) }, body: s });
    expect(res.status).toBe(204);
    expect(storedIds()).toContain(s["id"]);
    const { id: _id, ...withoutId } = statement();
    const id2 = randomUUID();
    expect((await xapi({ method: "PUT", path: "statements", query: { statementId: id2 }, body: withoutId })).status).toBe(204);
    expect(storedIds()).toContain(id2);
  });

  it("rejects PUT without statementId, with a different id in the body, or with an array", async () => {
    const s = statement();
    expect((await xapi({ method: "PUT", path: "statements", body: s })).status).toBe(400);
    expect((await xapi({ method: "PUT", path: "statements", query: { statementId: randomUUID() }, body: s })).status).toBe(400);
    expect((await xapi({ method: "PUT", path: "statements", query: { statementId: String(s["id"]) }, body: [s] })).status).toBe(400);
    expect(storedIds()).not.toContain(s["id"]);
  });

  it("rejects a body that is not JSON, or not labelled as JSON", async () => {
    expect((await xapi({ method: "POST", path: "statements", body: "{nope" })).status).toBe(400);
    const res = await xapi({ method: "POST", path: "statements", body: JSON.stringify(statement()), contentType: "text/plain" });
    expect(res.status).toBe(400);
  });
});

describe("strict validation", () => {
  const cases: [string, JsonObject, string][] = [
    ["result.success null", statement({ result: { success: null } }), "statement.result.success"],
    ["verb id not an IRI", statement({ verb: { id: "completed", display: { "en-US": "completed" } } }), "statement.verb.id"],
    ["unknown property", statement({ colour: "red" }), "statement"],
    ["score.scaled out of range", statement({ result: { score: { scaled: 1.5 } } }), "statement.result.score.scaled"],
    ["registration not a UUID", statement({ context: { registration: "abc" } }), "statement.context.registration"],
    ["actor with two IFIs", statement({ actor: { mbox: "mailto:a@example.test", openid: "http://example.test/a" } }), "statement.actor"],
  ];
  for (const [name, bad, where] of cases) {
    it(`rejects ${name} with 400 and a reason, storing nothing`, async () => {
      const before = lrs.statements().length;
      const res = await post(bad);
      expect(res.status).toBe(400);
      const reasons = asArray(asObject(res.json)["reasons"]).map(asObject);
      expect(reasons.map((r) => r["path"])).toContain(where);
      expect(String(reasons[0]?.["message"])).not.toBe("");
      expect(lrs.statements().length).toBe(before);
    });
  }

  it("rejects attachments without fileUrl (attachment data is not supported)", async () => {
    const attachment = {
      usageType: "http://adlnet.gov/expapi/attachments/signature",
      display: { "en-US": "signature" },
      contentType: "application/octet-stream",
      length: 10,
      sha2: "a".repeat(64),
    };
    const res = await post(statement({ attachments: [attachment] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain("fileUrl");
    const withUrl = statement({ attachments: [{ ...attachment, fileUrl: "https://example.test/a.bin" }] });
    expect((await post(withUrl)).status).toBe(200);
  });

  it("rejects a statement without actor, naming the missing property", async () => {
    const { actor: _actor, ...noActor } = statement();
    const res = await post(noActor);
    expect(res.status).toBe(400);
    const reasons = asArray(asObject(res.json)["reasons"]).map(asObject);
    expect(reasons).toContainEqual(expect.objectContaining({ path: "statement.actor", problem: "RequiredWarning" }));
  });

  it("rejects a whole batch when one statement is invalid (all-or-nothing)", async () => {
    const good1 = statement();
    const good2 = statement();
    const res = await post([good1, statement({ result: { completion: "yes" } }), good2]);
    expect(res.status).toBe(400);
    const reasons = asArray(asObject(res.json)["reasons"]).map(asObject);
    expect(reasons.every((r) => r["statement"] === 1)).toBe(true);
    expect(storedIds()).not.toContain(good1["id"]);
    expect(storedIds()).not.toContain(good2["id"]);
  });

  it("rejects a batch that repeats an id", async () => {
    const s = statement();
    const res = await post([s, { ...s }]);
    expect(res.status).toBe(400);
    expect(storedIds()).not.toContain(s["id"]);
  });

  it("accepts a single contextActivities object and returns it as an array", async () => {
    const s = statement({ context: { contextActivities: { parent: { id: `${COURSE}/session/one` } } } });
    expect((await post(s)).status).toBe(200);
    const back = asObject((await xapi({ path: "statements", query: { statementId: String(s["id"]) } })).json);
    expect(asObject(asObject(back["context"])["contextActivities"])["parent"]).toEqual([{ id: `${COURSE}/session/one` }]);
  });
});

describe("statement ids are stored once", () => {
  it("accepts an identical re-send (other key order, LRS fields) without storing it twice", async () => {
    const s = statement({ result: { success: true, completion: true } });
    expect((await post(s)).status).toBe(200);
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as JsonObject;
    const again = await post({ ...reordered, stored: "2001-01-01T00:00:00.000Z", version: "1.0.0" });
    expect(again.status).toBe(200);
    expect(ids(again)).toEqual([s["id"]]);
    const put = await xapi({ method: "PUT", path: "statements", query: { statementId: String(s["id"]) }, body: s });
    expect(put.status).toBe(204);
    expect(storedIds().filter((id) => id === s["id"])).toHaveLength(1);
  });

  it("answers 409 for different content under a stored id, for POST and PUT, and keeps the original", async () => {
    const s = statement();
    expect((await post(s)).status).toBe(200);
    const changed = { ...s, verb: { id: VERBS.completed, display: { "en-US": "completed" } } };
    expect((await post(changed)).status).toBe(409);
    expect((await xapi({ method: "PUT", path: "statements", query: { statementId: String(s["id"]) }, body: changed })).status).toBe(409);
    const fresh = statement();
    expect((await post([fresh, changed])).status).toBe(409);
    expect(storedIds()).not.toContain(fresh["id"]);
    const back = asObject((await xapi({ path: "statements", query: { statementId: String(s["id"]) } })).json);
    expect(asObject(back["verb"])["id"]).toBe(VERBS.experienced);
  });
});

describe("GET /statements filters and paging", () => {
  const registration = randomUUID();
  const ada = learner("Ada");
  const bob = learner("Bob");
  const page = (n: number) => ({ objectType: "Activity", id: `${COURSE}/filters/page/${n}` });
  const ctx = (extra: JsonObject = {}): JsonObject => ({ context: { registration, ...extra } });
  const made: JsonObject[] = [];
  let middleStored = "";

  beforeAll(async () => {
    const specs: JsonObject[] = [
      { actor: ada, object: page(1) },
      { actor: bob, object: page(1) },
      { actor: ada, object: page(2), verb: { id: VERBS.completed, display: { "en-US": "completed" } } },
      { actor: ada, object: page(3), ...ctx({ contextActivities: { parent: [page(1)] } }) },
      { actor: bob, object: page(2), verb: { id: VERBS.completed, display: { "en-US": "completed" } } },
      { actor: ada, object: page(4) },
      { actor: ada, object: page(5) },
    ];
    for (const [i, spec] of specs.entries()) {
      const s = statement({ ...ctx(), ...spec });
      expect((await post(s)).status).toBe(200);
      made.push(s);
      // Distinct stored times so that `since` has a boundary to test.
      if (i === 2) {
        await new Promise((r) => setTimeout(r, 5));
        const back = asObject((await xapi({ path: "statements", query: { statementId: String(s["id"]) } })).json);
        middleStored = String(back["stored"]);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    // Noise outside the registration.
    expect((await post(statement({ object: page(1) }))).status).toBe(200);
  });

  const idsOf = (res: XapiResponse) => statementsOf(res).map((s) => s["id"]);
  const newestFirst = () => [...made].reverse().map((s) => s["id"]);

  it("filters by registration, newest first", async () => {
    const res = await xapi({ path: "statements", query: { registration } });
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual(newestFirst());
    expect(asObject(res.json)["more"]).toBe("");
  });

  it("filters by verb, activity and agent", async () => {
    const byVerb = await xapi({ path: "statements", query: { registration, verb: VERBS.completed } });
    expect(idsOf(byVerb)).toEqual([made[4]?.["id"], made[2]?.["id"]]);
    const byActivity = await xapi({ path: "statements", query: { registration, activity: page(1).id } });
    expect(idsOf(byActivity)).toEqual([made[1]?.["id"], made[0]?.["id"]]);
    const related = await xapi({ path: "statements", query: { registration, activity: page(1).id, related_activities: "true" } });
    expect(idsOf(related)).toEqual([made[3]?.["id"], made[1]?.["id"], made[0]?.["id"]]);
    const byAgent = await xapi({ path: "statements", query: { registration, agent: { mbox: bob["mbox"] as string } } });
    expect(idsOf(byAgent)).toEqual([made[4]?.["id"], made[1]?.["id"]]);
  });

  it("filters by since (exclusive) and until (inclusive)", async () => {
    const since = await xapi({ path: "statements", query: { registration, since: middleStored } });
    expect(idsOf(since)).toEqual(newestFirst().slice(0, 4));
    const until = await xapi({ path: "statements", query: { registration, until: middleStored } });
    expect(idsOf(until)).toEqual(newestFirst().slice(4));
  });

  it("pages with limit and `more` through every statement, in both orders", async () => {
    for (const ascending of [false, true]) {
      const seen: JsonValue[] = [];
      let res = await xapi({ path: "statements", query: { registration, limit: "2", ascending: String(ascending) } });
      let pages = 0;
      for (;;) {
        expect(res.status).toBe(200);
        const batch = statementsOf(res);
        expect(batch.length).toBeLessThanOrEqual(2);
        seen.push(...batch.map((s) => s["id"] as JsonValue));
        pages += 1;
        const more = String(asObject(res.json)["more"]);
        if (more === "") break;
        expect(more).toMatch(/^\/xapi\/statements\?more=/);
        res = await xapi({ path: more });
      }
      expect(pages).toBe(4);
      expect(seen).toEqual(ascending ? made.map((s) => s["id"]) : newestFirst());
    }
  });

  it("matches instructors only with related_agents=true", async () => {
    const reg = randomUUID();
    const s = statement({ context: { registration: reg, instructor: bob } });
    expect((await post(s)).status).toBe(200);
    const plain = await xapi({ path: "statements", query: { registration: reg, agent: bob } });
    expect(idsOf(plain)).toEqual([]);
    const related = await xapi({ path: "statements", query: { registration: reg, agent: bob, related_agents: "true" } });
    expect(idsOf(related)).toEqual([s["id"]]);
  });

  it("rejects unknown parameters, bad values and statementId combined with filters", async () => {
    expect((await xapi({ path: "statements", query: { Verb: VERBS.completed } })).status).toBe(400);
    expect((await xapi({ path: "statements", query: { limit: "-1" } })).status).toBe(400);
    expect((await xapi({ path: "statements", query: { since: "yesterday" } })).status).toBe(400);
    expect((await xapi({ path: "statements", query: { agent: "{not json" } })).status).toBe(400);
    expect((await xapi({ path: "statements", query: { statementId: String(made[0]?.["id"]), registration } })).status).toBe(400);
    expect((await xapi({ path: "statements", query: { more: "garbage" } })).status).toBe(400);
    expect((await xapi({ path: "statements", query: { statementId: randomUUID() } })).status).toBe(404);
  });
});

describe("voiding", () => {
  it("voids the target: hidden from GET by statementId and lists, returned by voidedStatementId", async () => {
    const registration = randomUUID();
    const activity = `${COURSE}/voiding/${randomUUID()}`;
    const target = statement({ object: { id: activity }, context: { registration } });
    expect((await post(target)).status).toBe(200);
    const voiding = statement({
      verb: { id: VERBS.voided, display: { "en-US": "voided" } },
      object: { objectType: "StatementRef", id: String(target["id"]) },
      context: { registration },
    });
    expect((await post(voiding)).status).toBe(200);

    expect((await xapi({ path: "statements", query: { statementId: String(target["id"]) } })).status).toBe(404);
    const voided = await xapi({ path: "statements", query: { voidedStatementId: String(target["id"]) } });
    expect(voided.status).toBe(200);
    expect(asObject(voided.json)["id"]).toBe(target["id"]);
    expect((await xapi({ path: "statements", query: { voidedStatementId: String(voiding["id"]) } })).status).toBe(404);

    const list = await xapi({ path: "statements", query: { registration } });
    expect(statementsOf(list).map((s) => s["id"])).toEqual([voiding["id"]]);
    // The voiding statement targets a statement about `activity`, so it matches that filter (StatementRef rule).
    const byActivity = await xapi({ path: "statements", query: { activity } });
    expect(statementsOf(byActivity).map((s) => s["id"])).toEqual([voiding["id"]]);
  });

  it("rejects a voiding statement whose object is not a StatementRef", async () => {
    const res = await post(statement({ verb: { id: VERBS.voided, display: { "en-US": "voided" } } }));
    expect(res.status).toBe(400);
  });
});

describe("State resource", () => {
  const activityId = `${COURSE}/state`;
  const agent = learner("Stella");
  const registration = randomUUID();
  const state = (stateId?: string, extra: Record<string, string> = {}) => ({
    activityId,
    agent,
    registration,
    ...(stateId ? { stateId } : {}),
    ...extra,
  });
  const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

  it("PUT then GET returns the document with a quoted SHA-1 ETag; missing documents are 404", async () => {
    const body = JSON.stringify({ page: "p3", answers: { q1: "a" } });
    const put = await xapi({ method: "PUT", path: "activities/state", query: state("bookmark"), body });
    expect(put.status).toBe(204);
    const got = await xapi({ path: "activities/state", query: state("bookmark") });
    expect(got.status).toBe(200);
    expect(got.text).toBe(body);
    expect(got.headers.get("etag")).toBe(`"${sha1(body)}"`);
    expect(got.headers.get("content-type")).toMatch(/^application\/json/);
    expect(got.headers.get("last-modified")).toBeTruthy();
    expect((await xapi({ path: "activities/state", query: state("nothing-here") })).status).toBe(404);
    // Another registration is another scope.
    expect((await xapi({ path: "activities/state", query: { ...state("bookmark"), registration: randomUUID() } })).status).toBe(404);
  });

  it("honours If-Match (412 on a stale ETag) and If-None-Match: * (412 when it exists)", async () => {
    const v1 = JSON.stringify({ v: 1 });
    expect((await xapi({ method: "PUT", path: "activities/state", query: state("cc"), body: v1 })).status).toBe(204);
    const etag = (await xapi({ path: "activities/state", query: state("cc") })).headers.get("etag") ?? "";
    const v2 = JSON.stringify({ v: 2 });
    const stale = await xapi({ method: "PUT", path: "activities/state", query: state("cc"), body: v2, headers: { "If-Match": '"0000"' } });
    expect(stale.status).toBe(412);
    const exists = await xapi({ method: "PUT", path: "activities/state", query: state("cc"), body: v2, headers: { "If-None-Match": "*" } });
    expect(exists.status).toBe(412);
    expect((await xapi({ path: "activities/state", query: state("cc") })).text).toBe(v1);
    const ok = await xapi({ method: "PUT", path: "activities/state", query: state("cc"), body: v2, headers: { "If-Match": etag } });
    expect(ok.status).toBe(204);
    expect((await xapi({ path: "activities/state", query: state("cc") })).text).toBe(v2);
    const created = await xapi({ method: "PUT", path: "activities/state", query: state("new-one"), body: v1, headers: { "If-None-Match": "*" } });
    expect(created.status).toBe(204);
    const postStale = await xapi({ method: "POST", path: "activities/state", query: state("cc"), body: v1, headers: { "If-Match": etag } });
    expect(postStale.status).toBe(412);
  });

  it("POST merges top-level properties of JSON documents and refuses to merge non-JSON", async () => {
    await xapi({ method: "PUT", path: "activities/state", query: state("merge"), body: { x: "foo", y: "bar" } });
    expect((await xapi({ method: "POST", path: "activities/state", query: state("merge"), body: { x: "bash", z: "faz" } })).status).toBe(204);
    expect((await xapi({ path: "activities/state", query: state("merge") })).json).toEqual({ x: "bash", y: "bar", z: "faz" });

    await xapi({ method: "PUT", path: "activities/state", query: state("text"), body: "plain", contentType: "text/plain" });
    const refused = await xapi({ method: "POST", path: "activities/state", query: state("text"), body: { a: 1 } });
    expect(refused.status).toBe(400);
    expect((await xapi({ path: "activities/state", query: state("text") })).text).toBe("plain");
    // POST to a missing document simply stores it.
    expect((await xapi({ method: "POST", path: "activities/state", query: state("posted"), body: { a: 1 } })).status).toBe(204);
    expect((await xapi({ path: "activities/state", query: state("posted") })).json).toEqual({ a: 1 });
  });

  it("lists ids (optionally since), deletes one and deletes all in the scope", async () => {
    const scope = { activityId: `${COURSE}/state/list`, agent, registration };
    await xapi({ method: "PUT", path: "activities/state", query: { ...scope, stateId: "a" }, body: { n: 1 } });
    await new Promise((r) => setTimeout(r, 5));
    const cut = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await xapi({ method: "PUT", path: "activities/state", query: { ...scope, stateId: "b" }, body: { n: 2 } });
    expect((await xapi({ path: "activities/state", query: scope })).json).toEqual(["a", "b"]);
    expect((await xapi({ path: "activities/state", query: { ...scope, since: cut } })).json).toEqual(["b"]);

    expect((await xapi({ method: "DELETE", path: "activities/state", query: { ...scope, stateId: "a" } })).status).toBe(204);
    expect((await xapi({ path: "activities/state", query: { ...scope, stateId: "a" } })).status).toBe(404);
    expect((await xapi({ method: "DELETE", path: "activities/state", query: scope })).status).toBe(204);
    expect((await xapi({ path: "activities/state", query: scope })).json).toEqual([]);
    expect((await xapi({ path: "activities/state", query: state("bookmark") })).status).toBe(200);
  });

  it("rejects a missing or invalid agent, activityId or registration", async () => {
    expect((await xapi({ path: "activities/state", query: { activityId, stateId: "x" } })).status).toBe(400);
    expect((await xapi({ path: "activities/state", query: { activityId, agent: { name: "no ifi" }, stateId: "x" } })).status).toBe(400);
    expect((await xapi({ path: "activities/state", query: { activityId: "not an iri", agent, stateId: "x" } })).status).toBe(400);
    expect((await xapi({ path: "activities/state", query: { ...state("x"), registration: "r1" } })).status).toBe(400);
    expect((await xapi({ method: "PUT", path: "activities/state", query: state() , body: {} })).status).toBe(400);
  });
});

describe("fault injection hooks", () => {
  it("answers 500 for the next 2 statement requests without storing, then recovers", async () => {
    lrs.requests.length = 0;
    lrs.setFault({ status: 500, count: 2 });
    const s = statement();
    expect((await post(s)).status).toBe(500);
    expect((await post(s)).status).toBe(500);
    expect(storedIds()).not.toContain(s["id"]);
    expect((await post(s)).status).toBe(200);
    expect(storedIds().filter((id) => id === s["id"])).toHaveLength(1);
    expect(lrs.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/xapi/statements", 500],
      ["POST", "/xapi/statements", 500],
      ["POST", "/xapi/statements", 200],
    ]);
    expect(lrs.requests[0]?.fault).toBe("status");
  });

  it("sends Retry-After with 503/429 and leaves other resources alone by default", async () => {
    lrs.setFault({ status: 429, retryAfterSeconds: 3 });
    const res = await post(statement());
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect((await xapi({ path: "activities/state", query: { activityId: COURSE, agent: learner("Ada") } })).status).toBe(200);
    expect((await xapi({ path: "about", noAuth: true })).status).toBe(200);
    lrs.setFault(null);
    expect((await post(statement())).status).toBe(200);
  });

  it("{ down: true } fails requests at the network level until cleared", async () => {
    lrs.setFault({ down: true });
    await expect(post(statement())).rejects.toThrow();
    lrs.setFault(null);
    expect((await post(statement())).status).toBe(200);
  });

  it("stop() refuses connections; restart() serves the same data on the same port", async () => {
    const s = statement();
    expect((await post(s)).status).toBe(200);
    const url = lrs.url;
    await lrs.stop();
    expect(lrs.running).toBe(false);
    await expect(post(statement())).rejects.toThrow();
    await lrs.restart();
    expect(lrs.url).toBe(url);
    const back = await xapi({ path: "statements", query: { statementId: String(s["id"]) } });
    expect(back.status).toBe(200);
  });

  it("{ delayMs } slows the answers down", async () => {
    lrs.setFault({ delayMs: 300, count: 1 });
    const t0 = Date.now();
    expect((await post(statement())).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(lrs.requests.at(-1)?.fault).toBe("delay");
  });

  it("{ status: 200, dropResponse: true } stores, then cuts the connection: a retry is duplicate-safe", async () => {
    lrs.setFault({ status: 200, dropResponse: true, count: 1 });
    const s = statement();
    await expect(post(s)).rejects.toThrow();
    expect(storedIds()).toContain(s["id"]);
    expect(lrs.requests.at(-1)).toMatchObject({ method: "POST", status: 0, fault: "drop" });
    const retry = await post(s);
    expect(retry.status).toBe(200);
    expect(storedIds().filter((id) => id === s["id"])).toHaveLength(1);
  });
});

describe("file database", () => {
  it("keeps statements and state across a full close and a new start", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cw-lrs-"));
    try {
      const dbFile = path.join(dir, "nested", "lrs.sqlite");
      const s = statement();
      const first = await startLrs({ dbFile });
      await xapiClient(first)({ method: "POST", path: "statements", body: s });
      await first.close();
      const second = await startLrs({ dbFile });
      try {
        expect(second.statements().map((x) => x["id"])).toEqual([s["id"]]);
        const res = await xapiClient(second)({ method: "POST", path: "statements", body: statement() });
        expect(res.status).toBe(200);
        expect(second.statements()).toHaveLength(2);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("options and preview helpers", () => {
  it("latencyMs delays every xAPI answer", async () => {
    const slow = await startLrs({ latencyMs: 200 });
    try {
      const t0 = Date.now();
      const res = await xapiClient(slow)({ path: "statements" });
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
    } finally {
      await slow.close();
    }
  });

  it("accepts only the configured credentials", async () => {
    const own = await startLrs({ credentials: [{ username: "u1", password: "p1" }] });
    try {
      expect(own.authorization).toBe(`Basic ${Buffer.from("u1:p1").toString("base64")}`);
      expect((await xapiClient(own)({ path: "statements" })).status).toBe(200);
      const other = await xapiClient(own)({ path: "statements", noAuth: true, headers: { Authorization: lrs.authorization } });
      expect(other.status).toBe(401);
    } finally {
      await own.close();
    }
  });

  it("startPreviewLrs + launchParameters give content what a TinCan launch needs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cw-lrs-preview-"));
    const preview = await startPreviewLrs({ dbFile: path.join(dir, "lrs.sqlite") });
    try {
      const actor = learner("Pat");
      const params = launchParameters(preview, { actor, activityId: COURSE });
      expect(params.get("endpoint")).toBe(preview.url);
      expect(params.get("auth")).toBe(preview.authorization);
      expect(JSON.parse(params.get("actor") ?? "null")).toEqual(actor);
      expect(params.get("registration")).toMatch(/^[0-9a-f-]{36}$/);
      expect(params.get("activity_id")).toBe(COURSE);
      const res = await fetch(new URL("statements", params.get("endpoint") ?? ""), {
        method: "POST",
        headers: {
          Authorization: params.get("auth") ?? "",
          "X-Experience-API-Version": "1.0.3",
          "Content-Type": "application/json",
        },
        body: JSON.stringify(statement({ actor, context: { registration: params.get("registration") ?? "" } })),
      });
      expect(res.status).toBe(200);
    } finally {
      await preview.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
