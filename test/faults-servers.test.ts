// Fault matrix for the local servers and the ZIP reader (issue #8 §5), over real HTTP on 127.0.0.1: the
// preview server as an author runs it (the CLI), the development LRS, and `coursewright verify` / preview's
// unpacking on hostile ZIPs written byte by byte. Each case names the fault and asserts the visible answer.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLrs, type RunningLrs } from "../src/lrs/index.js";
import { readZip, ZIP_LIMITS } from "../src/package/read-zip.js";
import { until } from "./helpers/wait.js";
import { deflatedZeros, stored, writeHostileZip, type HostileEntry } from "./helpers/hostile-zip.js";
import { REAL_CONTENT, REPO_ROOT } from "./helpers/content-fixture.js";

const BIN = path.join(REPO_ROOT, "bin", "coursewright.js");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "cw-faults-servers-"));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(root, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Request body bytes written before the answer arrived. */
  readonly sent: number;
}

interface RawRequest {
  readonly method?: string;
  /** Sent exactly as given (no URL normalisation, unlike fetch). */
  readonly path: string;
  readonly headers?: http.OutgoingHttpHeaders;
  readonly body?: string | Buffer;
  /** Stream up to this many bytes of spaces, 64 KiB at a time, until the server answers. */
  readonly stream?: number;
}

/** One request over a fresh connection; resolves with the answer even if the server then closes the socket. */
function request(base: string, r: RawRequest): Promise<Answer> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port, method: r.method ?? "GET", path: r.path, headers: r.headers, agent: false }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent }));
    });
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (r.stream === undefined) {
      req.end(r.body);
      return;
    }
    const total = r.stream;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!answered && !req.destroyed && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered && sent >= total) req.end();
    };
    pump();
  });
}

const HUNDRED_MB = 100 * 1024 * 1024;

// ---- the preview server ------------------------------------------------------------------------------

describe("preview server: hostile requests get 4xx and the process lives on", () => {
  let url = "";
  let output = (): string => "";
  let child: ChildProcess | undefined;
  let unit = "";
  let stateDir = "";

  beforeAll(async () => {
    const content = path.join(root, "content");
    fs.cpSync(REAL_CONTENT, content, { recursive: true });
    stateDir = path.join(root, "state");
    child = spawn(process.execPath, [BIN, "preview", "--port", "0", "--content", content, "--state-dir", stateDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let text = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (text += d));
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (text += d));
    output = () => text;
    const end = Date.now() + 90_000;
    for (;;) {
      const found = /^Preview: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(text)?.[1];
      if (found) {
        url = found;
        break;
      }
      if (child.exitCode !== null || Date.now() > end) throw new Error(`preview did not start:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const page = await request(url, { path: "/" });
    const config = /<script type="application\/json" id="cw-player-config">(.*?)<\/script>/s.exec(page.body)?.[1] ?? "{}";
    unit = (JSON.parse(config) as { units: { id: string }[] }).units[0]?.id ?? "";
    expect(unit).not.toBe("");
  });

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const ended = new Promise((r) => child?.once("close", r));
    child.kill("SIGINT");
    await ended;
    children.delete(child);
  });

  /** The server still answers, and a real unit's attempt is still served. */
  async function stillAlive(): Promise<void> {
    expect(child?.exitCode).toBeNull();
    expect((await request(url, { path: "/" })).status).toBe(200);
    expect([200, 204]).toContain((await request(url, { path: `/__cw/attempt?unit=${encodeURIComponent(unit)}` })).status);
  }

  it("GET /__cw/attempt?unit=__proto__ (what an <img> on any page can send) → 404, and the server still answers", async () => {
    const res = await request(url, { path: "/__cw/attempt?unit=__proto__" });
    expect(res.status).toBe(404);
    expect(res.body).toMatch(/no unit '__proto__'/);
    await stillAlive();
  });

  it.each(["constructor", "toString", "hasOwnProperty", "__defineGetter__"])("unit=%s (an Object.prototype name) → 404, GET and PUT", async (name) => {
    expect((await request(url, { path: `/__cw/attempt?unit=${name}` })).status).toBe(404);
    const put = await request(url, { method: "PUT", path: `/__cw/attempt?unit=${name}`, headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(put.status).toBe(404);
    await stillAlive();
  });

  it("bad %-encoding in the path or the query → 400", async () => {
    expect((await request(url, { path: "/package/%E0%A4%A" })).status).toBe(400);
    expect((await request(url, { path: "/package/index%zz.html" })).status).toBe(400);
    expect((await request(url, { path: "/__cw/attempt?unit=%ff" })).status).toBe(400);
    await stillAlive();
  });

  it("malformed attempt JSON → 400, and the saved attempt is unchanged", async () => {
    const attempt = `/__cw/attempt?unit=${encodeURIComponent(unit)}`;
    const good = await request(url, { method: "PUT", path: attempt, headers: { "Content-Type": "application/json" }, body: '{"cmi":{"core":{"lesson_location":"kept"}}}' });
    expect(good.status).toBe(204);
    for (const body of ["{not json", "[1,2", '"a string"', "[".repeat(10_000) + "]".repeat(10_000)]) {
      const res = await request(url, { method: "PUT", path: attempt, headers: { "Content-Type": "application/json" }, body });
      expect(res.status, body.slice(0, 20)).toBe(400);
    }
    expect((await request(url, { path: attempt })).body).toMatch(/"kept"/);
    await stillAlive();
  });

  it("a 100 MB attempt → 413 before the body is read: declared (Content-Length) and streamed (chunked)", async () => {
    const attempt = `/__cw/attempt?unit=${encodeURIComponent(unit)}`;
    const declared = await request(url, { method: "PUT", path: attempt, headers: { "Content-Type": "application/json", "Content-Length": HUNDRED_MB }, stream: HUNDRED_MB });
    expect(declared.status).toBe(413);
    expect(declared.sent).toBeLessThan(HUNDRED_MB);
    const chunked = await request(url, { method: "PUT", path: attempt, headers: { "Content-Type": "application/json" }, stream: HUNDRED_MB });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toMatch(/at most 1 MB/);
    expect(chunked.sent).toBeLessThan(HUNDRED_MB);
    await stillAlive();
  });

  it("a cross-site form post (text/plain) → 415; a cross-site fetch (Origin / Sec-Fetch-Site) → 403; nothing is saved", async () => {
    const attempt = `/__cw/attempt?unit=${encodeURIComponent(unit)}`;
    const before = (await request(url, { path: attempt })).body;
    const form = await request(url, { method: "PUT", path: attempt, headers: { "Content-Type": "text/plain" }, body: '{"cmi":{}}' });
    expect(form.status).toBe(415);
    const json = { "Content-Type": "application/json" };
    expect((await request(url, { method: "PUT", path: attempt, headers: { ...json, Origin: "http://evil.example" }, body: "{}" })).status).toBe(403);
    expect((await request(url, { method: "PUT", path: attempt, headers: { ...json, "Sec-Fetch-Site": "cross-site" }, body: "{}" })).status).toBe(403);
    expect((await request(url, { method: "DELETE", path: "/__cw/attempt", headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(403);
    expect((await request(url, { path: attempt })).body).toBe(before);
  });

  it("path traversal out of /package/ (../, %2e%2e, %2f, encoded NUL) → 404 or 400, never a file outside", async () => {
    for (const p of ["/package/../../../../etc/passwd", "/package/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/package/..%2f..%2f..%2f..%2fetc%2fpasswd", "/package/index.html%00.png", "/package/%00"]) {
      const res = await request(url, { path: p });
      expect([400, 404], p).toContain(res.status);
      expect(res.body).not.toMatch(/root:/);
    }
    await stillAlive();
  });

  it("a method a route does not take → 405 with Allow; a foreign Host (DNS rebinding) → 403", async () => {
    const post = await request(url, { method: "POST", path: "/", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    const patch = await request(url, { method: "PATCH", path: "/__cw/attempt", body: "x" });
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe("GET, PUT, DELETE");
    expect((await request(url, { path: "/", headers: { Host: "evil.example" } })).status).toBe(403);
    await stillAlive();
  });

  it("a handler that fails (the attempt file cannot be written) → a short 500, logged once, and the server lives on", async () => {
    const attemptFile = path.join(stateDir, "attempt-scorm12.json");
    fs.rmSync(attemptFile, { force: true });
    fs.mkdirSync(path.join(attemptFile, "in-the-way"), { recursive: true }); // the atomic rename onto it fails
    try {
      const attempt = `/__cw/attempt?unit=${encodeURIComponent(unit)}`;
      const res = await request(url, { method: "PUT", path: attempt, headers: { "Content-Type": "application/json" }, body: "{}" });
      expect(res.status).toBe(500);
      expect(res.body).toMatch(/^internal error: /);
      expect(res.body).not.toContain("\n");
      // The log line travels through the child's stderr pipe: it may arrive after the answer does.
      const failures = (): RegExpMatchArray | null => output().match(/^player: PUT \/__cw\/attempt\?unit=\S+ failed: /gm);
      await until(failures, "the failure's log line");
      expect(failures()).toHaveLength(1);
    } finally {
      fs.rmSync(attemptFile, { recursive: true, force: true });
    }
    await stillAlive();
  });

  it("after every case above: the process is alive, listens on 127.0.0.1 only, and printed no stack trace", async () => {
    await stillAlive();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(output()).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  });
});

// ---- the development LRS -------------------------------------------------------------------------------

describe("development LRS: malformed input → 400/413, never 500", () => {
  let lrs: RunningLrs;
  const xapiHeaders = (): http.OutgoingHttpHeaders => ({ Authorization: lrs.authorization, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" });
  const statement = (extension: string): string =>
    `{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"https://example.test/a"},"result":{"extensions":{"https://example.test/x":${extension}}}}`;
  const agent = encodeURIComponent(JSON.stringify({ mbox: "mailto:a@example.org" }));
  const state = `/xapi/activities/state?activityId=https%3A%2F%2Fexample.test%2Fa&agent=${agent}&stateId=bookmark`;

  beforeAll(async () => {
    lrs = await startLrs();
  });
  afterAll(async () => {
    await lrs?.close();
  });

  it("deeply nested JSON in a statement → 400 with a readable message; a normal statement is still stored", async () => {
    for (const depth of [100, 5_000, 100_000]) {
      const res = await request(lrs.url, { method: "POST", path: "/xapi/statements", headers: xapiHeaders(), body: statement("[".repeat(depth) + "]".repeat(depth)) });
      expect(res.status, `depth ${depth}`).toBe(400);
      expect(res.body).toMatch(/nested more than 64 levels/);
    }
    const ok = await request(lrs.url, { method: "POST", path: "/xapi/statements", headers: xapiHeaders(), body: statement('{"a":[1,{"b":2}]}') });
    expect(ok.status).toBe(200);
  });

  it("deeply nested JSON in a state document (PUT and POST) → 400", async () => {
    const deep = '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000);
    for (const method of ["PUT", "POST"]) {
      const res = await request(lrs.url, { method, path: state, headers: xapiHeaders(), body: deep });
      expect(res.status, method).toBe(400);
    }
  });

  it("a huge body → 413 before it is read: declared and chunked", async () => {
    const declared = await request(lrs.url, { method: "POST", path: "/xapi/statements", headers: { ...xapiHeaders(), "Content-Length": HUNDRED_MB }, stream: HUNDRED_MB });
    expect(declared.status).toBe(413);
    expect(declared.sent).toBeLessThan(HUNDRED_MB);
    const chunked = await request(lrs.url, { method: "PUT", path: state, headers: xapiHeaders(), stream: HUNDRED_MB });
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(HUNDRED_MB);
  });

  it("bad %-encoding, malformed or deeply nested agent JSON, a huge since, a forged more cursor → 400", async () => {
    const deepAgent = encodeURIComponent("[".repeat(2_000) + "]".repeat(2_000));
    const forged = Buffer.from(JSON.stringify({ limit: -1, afterSeq: 1.5, maxSeq: 1, filter: { verb: { x: 1 } } })).toString("base64url");
    for (const p of [
      "/xapi/statements?verb=%E0%A4%A",
      "/xapi/statements?agent=%ff",
      `/xapi/statements?agent=${encodeURIComponent('{"mbox":')}`,
      `/xapi/statements?agent=${deepAgent}`,
      `/xapi/statements?since=${"9".repeat(5_000)}-01-01T00:00:00Z`,
      `/xapi/statements?more=${forged}`,
      `/xapi/activities/state?activityId=https%3A%2F%2Fexample.test%2Fa&stateId=s&agent=${deepAgent}`,
    ]) {
      const res = await request(lrs.url, { path: p, headers: xapiHeaders() });
      expect(res.status, p.slice(0, 60)).toBe(400);
    }
    expect(lrs.requests.filter((r) => r.status >= 500)).toEqual([]);
  });
});

// ---- ZIPs: verify and preview read them with one reader ------------------------------------------------

describe("hostile ZIPs: refused by the one reader, with bounded memory and the entry named", () => {
  const zip = (name: string, entries: readonly HostileEntry[]): string => {
    const file = path.join(root, name);
    writeHostileZip(file, entries);
    return file;
  };
  const manifest = stored("imsmanifest.xml", '<?xml version="1.0"?><manifest identifier="m"/>');
  const GiB = deflatedZeros(1024);

  /** Peak resident memory grown while `fn` ran, in MiB (maxRSS is the process's high-water mark). */
  function peakGrowth(fn: () => void): number {
    const before = process.resourceUsage().maxRSS;
    try {
      fn();
    } catch {
      /* the refusal is asserted separately */
    }
    return (process.resourceUsage().maxRSS - before) / 1024;
  }

  function verifyCli(file: string): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, "verify", file], { cwd: REPO_ROOT, env: { ...process.env, CHROMIUM_PATH: path.join(root, "no-chromium") } });
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout }));
    });
  }

  it("an honest 1 GiB entry in a ~1 MB ZIP → refused from the central directory (per-entry cap), memory bounded", () => {
    const file = zip("gib.zip", [manifest, { name: "big.bin", data: GiB.data, method: 8, size: GiB.size, crc: GiB.crc }]);
    expect(fs.statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    expect(() => readZip(file)).toThrow(/entry "big\.bin" is 1024 MiB uncompressed; a file may be at most 256 MiB/);
    expect(peakGrowth(() => readZip(file))).toBeLessThan(64);
  });

  it("a lying header (declares 1,000 bytes, inflates to 1 GiB) → refused while inflating, memory bounded", () => {
    const file = zip("lying-size.zip", [manifest, { name: "small.txt", data: GiB.data, method: 8, size: 1_000, crc: 0 }]);
    expect(() => readZip(file)).toThrow(/entry "small\.txt" inflates to more than the 1000 bytes its header declares/);
    expect(peakGrowth(() => readZip(file))).toBeLessThan(64);
  });

  it("a compression ratio over 100:1 (50 MiB of zeros in ~50 KB) → refused as a ZIP bomb", () => {
    const zeros = deflatedZeros(50);
    const file = zip("ratio.zip", [manifest, { name: "zeros.bin", data: zeros.data, method: 8, size: zeros.size, crc: zeros.crc }]);
    expect(() => readZip(file)).toThrow(/entry "zeros\.bin" expands \d+:1 .* more than 100:1 is refused as a ZIP bomb/);
  });

  it("more entries than 10,000 → refused; more than 1 GiB in total (declared) → refused", () => {
    const many = zip("many.zip", Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => stored(`f${i}.txt`, "x")));
    expect(() => readZip(many)).toThrow(/has 10001 entries; a package may have at most 10000/);
    const big = (i: number): HostileEntry => ({ name: `part${i}.bin`, data: Buffer.alloc(0), method: 8, size: 250 * 1024 * 1024, compressedSize: 3 * 1024 * 1024 });
    const total = zip("total.zip", [manifest, ...[1, 2, 3, 4, 5].map(big)]);
    expect(() => readZip(total)).toThrow(/unpacks to more than 1024 MiB/);
  });

  it("local header and central directory that disagree (sizes, name) → refused", () => {
    const data = Buffer.from("hello");
    const sizes = zip("disagree-size.zip", [manifest, { name: "a.txt", data, method: 0, size: 5, localSize: 500_000 }]);
    expect(() => readZip(sizes)).toThrow(/entry "a\.txt": its local header and the central directory disagree/);
    const names = zip("disagree-name.zip", [manifest, { name: "a.txt", localName: "../evil.txt", data, method: 0, size: 5 }]);
    expect(() => readZip(names)).toThrow(/entry "a\.txt" is named "\.\.\/evil\.txt" in its local header/);
  });

  it.each([
    ["../evil.html", /entry "\.\.\/evil\.html" has a '\.\.' segment/],
    ["a/../../evil.html", /entry "a\/\.\.\/\.\.\/evil\.html" has a '\.\.' segment/],
    ["/abs/evil.html", /entry "\/abs\/evil\.html" is an absolute path/],
    ["C:/evil.html", /entry "C:\/evil\.html" is an absolute path/],
    ["a\\..\\evil.html", /entry "a\\\\\.\.\\\\evil\.html" uses backslashes/],
    ["evil\u0000.html", /entry "evil\\u0000\.html" has a control character/],
  ])("entry name %j → refused naming the entry (reader, verify exit 2)", async (name, message) => {
    const file = zip(`name-${Buffer.from(name).toString("hex")}.zip`, [manifest, stored(name, "<p>evil</p>")]);
    expect(() => readZip(file)).toThrow(message);
    const run = await verifyCli(file);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(message);
  });

  it("verify on the 1 GiB ZIP: exit 2 with a one-line reason (not a package it can open)", async () => {
    const file = zip("gib-verify.zip", [manifest, { name: "big.bin", data: GiB.data, method: 8, size: GiB.size, crc: GiB.crc }]);
    const run = await verifyCli(file);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/cannot verify: .*gib-verify\.zip: entry "big\.bin" is 1024 MiB uncompressed; a file may be at most 256 MiB\n/);
  });
});
