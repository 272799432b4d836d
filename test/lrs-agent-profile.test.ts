// The development LRS's Agent Profile resource (xAPI 1.0.3 Part 3 §2.6, documents §2.2, concurrency §3.1) over
// real HTTP on 127.0.0.1: one document by profileId, the list of ids (since), POST merge, DELETE, the 400s, and
// the concurrency rules that set it apart from the State resource (409 without a precondition on an existing one).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../src/lrs/index.js";
import { learner, lrsForFile, type XapiResponse } from "./helpers/lrs-client.js";

const live = lrsForFile();
const xapi = live.xapi;
const PATH = "agents/profile";
const sha1 = (s: string): string => createHash("sha1").update(s).digest("hex");
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

/** Requests for one learner's profile documents; each test has its own learner, so none sees another's. */
function profiles(name: string) {
  const agent = learner(name);
  const query = (profileId?: string, extra: Record<string, string> = {}) => ({ agent, ...(profileId ? { profileId } : {}), ...extra });
  return {
    agent,
    get: (profileId?: string, extra?: Record<string, string>): Promise<XapiResponse> => xapi({ path: PATH, query: query(profileId, extra) }),
    send: (method: string, profileId: string | undefined, body?: JsonValue | string, headers: Record<string, string> = {}, contentType?: string): Promise<XapiResponse> =>
      xapi({ method, path: PATH, query: query(profileId), ...(body !== undefined ? { body } : {}), headers, ...(contentType ? { contentType } : {}) }),
  };
}

const etagOf = (res: XapiResponse): string => res.headers.get("etag") ?? "";

describe("Agent Profile resource: documents", () => {
  it("PUT (If-None-Match: *) then GET: the document, a quoted SHA-1 ETag, Last-Modified; a missing one is 404", async () => {
    const p = profiles("Pia");
    const body = JSON.stringify({ languagePreference: "de-DE,en-US", audioPreference: "off" });
    expect((await p.send("PUT", "prefs", body, { "If-None-Match": "*" })).status).toBe(204);
    const got = await p.get("prefs");
    expect(got.status).toBe(200);
    expect(got.text).toBe(body);
    expect(etagOf(got)).toBe(`"${sha1(body)}"`);
    expect(got.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Date.parse(got.headers.get("last-modified") ?? "")).not.toBeNaN();
    expect((await p.get("nothing-here")).status).toBe(404);
    // The same profileId of another agent is another document.
    expect((await profiles("Quinn").get("prefs")).status).toBe(404);
    expect(live.lrs.agentProfiles().filter((d) => d.profileId === "prefs")).toHaveLength(1);
  });

  it("a non-JSON document is stored and answered with its own Content-Type", async () => {
    const p = profiles("Tess");
    expect((await p.send("PUT", "note", "hello", {}, "text/plain")).status).toBe(204);
    const got = await p.get("note");
    expect(got.text).toBe("hello");
    expect(got.headers.get("content-type")).toBe("text/plain");
  });

  it("POST merges top-level properties of JSON documents (§2.2.s7), stores a missing one, refuses non-JSON", async () => {
    const p = profiles("Mona");
    expect((await p.send("POST", "merge", { x: "foo", y: "bar" })).status).toBe(204);
    const etag = etagOf(await p.get("merge"));
    expect((await p.send("POST", "merge", { x: "bash", z: "faz" }, { "If-Match": etag })).status).toBe(204);
    expect((await p.get("merge")).json).toEqual({ x: "bash", y: "bar", z: "faz" });

    await p.send("PUT", "text", "plain", {}, "text/plain");
    const refused = await p.send("POST", "text", { a: 1 }, { "If-Match": etagOf(await p.get("text")) });
    expect(refused.status).toBe(400);
    expect((await p.get("text")).text).toBe("plain");
  });

  it("lists the agent's profileIds, optionally since a time (exclusive), with Last-Modified", async () => {
    const p = profiles("Lena");
    expect((await p.get()).json).toEqual([]);
    await p.send("PUT", "b-first", { n: 1 });
    await tick();
    const cut = new Date().toISOString();
    await tick();
    await p.send("PUT", "a-second", { n: 2 });
    const all = await p.get();
    expect(all.status).toBe(200);
    expect(all.json).toEqual(["a-second", "b-first"]);
    expect(all.headers.get("last-modified")).toBeTruthy();
    expect((await p.get(undefined, { since: cut })).json).toEqual(["a-second"]);
    expect((await p.get(undefined, { since: "yesterday" })).status).toBe(400);
  });

  it("DELETE with If-Match removes one document; a DELETE without profileId is a 400 (§2.6 has no multiple DELETE)", async () => {
    const p = profiles("Dora");
    await p.send("PUT", "gone", { v: 1 });
    await p.send("PUT", "kept", { v: 2 });
    expect((await p.send("DELETE", undefined)).status).toBe(400);
    expect((await p.send("DELETE", "gone", undefined, { "If-Match": etagOf(await p.get("gone")) })).status).toBe(204);
    expect((await p.get("gone")).status).toBe(404);
    expect((await p.get()).json).toEqual(["kept"]);
    // Nothing there to conflict with.
    expect((await p.send("DELETE", "never-was")).status).toBe(204);
  });
});

describe("Agent Profile resource: concurrency (§3.1)", () => {
  it("409 for PUT, POST or DELETE without If-Match/If-None-Match to an existing document, nothing changed", async () => {
    const p = profiles("Cleo");
    const v1 = JSON.stringify({ v: 1 });
    expect((await p.send("PUT", "cc", v1)).status).toBe(204);
    for (const method of ["PUT", "POST", "DELETE"]) {
      const res = await p.send(method, "cc", method === "DELETE" ? undefined : { v: 2 });
      expect(res.status, method).toBe(409);
      // §3.1.s4.b14: the answer says to check the current state and set If-Match.
      expect(String((res.json as { error?: string } | undefined)?.error)).toMatch(/If-Match/);
    }
    expect((await p.get("cc")).text).toBe(v1);
  });

  it("412 on a wrong If-Match or If-None-Match: * over an existing document; the right ETag replaces it", async () => {
    const p = profiles("Iris");
    const v1 = JSON.stringify({ v: 1 });
    const v2 = JSON.stringify({ v: 2 });
    await p.send("PUT", "cc", v1, { "If-None-Match": "*" });
    const etag = etagOf(await p.get("cc"));
    expect((await p.send("PUT", "cc", v2, { "If-Match": '"0000"' })).status).toBe(412);
    expect((await p.send("POST", "cc", { v: 3 }, { "If-Match": '"0000"' })).status).toBe(412);
    expect((await p.send("DELETE", "cc", undefined, { "If-Match": '"0000"' })).status).toBe(412);
    expect((await p.send("PUT", "cc", v2, { "If-None-Match": "*" })).status).toBe(412);
    expect((await p.send("POST", "cc", { v: 3 }, { "If-None-Match": "*" })).status).toBe(412);
    expect((await p.get("cc")).text).toBe(v1);
    expect((await p.send("PUT", "cc", v2, { "If-Match": etag })).status).toBe(204);
    expect((await p.get("cc")).text).toBe(v2);
    // If-Match with no document to match.
    expect((await p.send("PUT", "absent", v1, { "If-Match": etag })).status).toBe(412);
  });
});

describe("Agent Profile resource: parameters", () => {
  it("400 for a missing agent, an agent without exactly one IFI, a Group, or agent that is not JSON", async () => {
    const bad: Record<string, string | JsonValue>[] = [
      { profileId: "x" },
      { agent: { name: "no ifi" }, profileId: "x" },
      { agent: { mbox: "mailto:a@example.test", openid: "https://example.test/a" }, profileId: "x" },
      { agent: { objectType: "Group", mbox: "mailto:team@example.test" }, profileId: "x" },
      { agent: "{not json", profileId: "x" },
    ];
    for (const query of bad) expect((await xapi({ path: PATH, query })).status, JSON.stringify(query)).toBe(400);
  });

  it("400 for unknown or wrongly-cased parameters, since beside a profileId, and a PUT without profileId", async () => {
    const agent = learner("Una");
    expect((await xapi({ path: PATH, query: { agent, profileId: "x", activityId: "https://example.test/a" } })).status).toBe(400);
    expect((await xapi({ path: PATH, query: { agent, profileid: "x" } })).status).toBe(400);
    expect((await xapi({ path: PATH, query: { agent, profileId: "x", since: new Date().toISOString() } })).status).toBe(400);
    expect((await xapi({ path: PATH, query: { agent, registration: "5d3c3a0e-6a2a-4b8e-9a43-0f1c2e3d4b5a" } })).status).toBe(400);
    expect((await xapi({ method: "PUT", path: PATH, query: { agent }, body: {} })).status).toBe(400);
    expect((await xapi({ method: "PATCH", path: PATH, query: { agent, profileId: "x" }, body: {} })).status).toBe(405);
  });

  it("is listed in the 404 for an unknown resource", async () => {
    const res = await xapi({ path: "activities/profile", query: { activityId: "https://example.test/a" } });
    expect(res.status).toBe(404);
    expect(String((res.json as { error?: string } | undefined)?.error)).toContain("agents/profile");
  });
});
