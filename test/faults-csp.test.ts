// Issue #8 §1 "Every generated HTML page carries a Content-Security-Policy": the policy is the first thing in
// every page's head whatever the author's templates say, allows only the package's own files and the inline
// code the build hashed, and in real Chromium the course works under it while injected script does not run.
// The full journeys under the policy are test/e2e-player.test.ts (SCORM, one SCO and per session, xAPI in
// the player) and test/xapi-browser.test.ts (xAPI against the development LRS): they run the same packages.
import { enterCourseIn } from "./helpers/course-entry.js";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { startLrs } from "../src/lrs/index.js";
import { launchParameters } from "../src/standards/tincan/launch-query.js";
import { writeZip } from "../src/package/zip.js";
import { AttemptStore } from "../src/player/attempt-store.js";
import { startPlayerServer } from "../src/player/server.js";
import { cspFindings, parsePolicy } from "../src/verify/csp-rules.js";
import { verifyPackage } from "../src/verify/verify.js";
import { BrowserLearner, chromiumAvailable, contentFrame, openBrowser, serveDir, type Browser } from "./helpers/browser.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { REPO_ROOT, replaceOnce, ScratchFolder } from "./helpers/content-fixture.js";
import { readZip } from "./helpers/unzip.js";
import { until } from "./helpers/wait.js";

const course = loadCourse("content");
const BUILTIN_LAYOUT = fs.readFileSync(path.join(REPO_ROOT, "templates", "layout.hbs"), "utf8");
const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The page's first two head elements (charset, then the policy) and the policy's directives. */
function policyOf(html: string): { head: Element[]; directives: Map<string, string[]>; doc: Document } {
  const doc = new JSDOM(html).window.document;
  const head = [...doc.head.children];
  expect(head[0]?.outerHTML).toBe('<meta charset="utf-8">');
  expect(head[1]?.getAttribute("http-equiv")).toBe("Content-Security-Policy");
  return { head, directives: parsePolicy(head[1]?.getAttribute("content") ?? ""), doc };
}

const htmlFiles = (zip: string): [string, string][] =>
  [...readZip(zip)].filter(([name]) => name.endsWith(".html")).map(([name, data]) => [name, data.toString("utf8")]);

let scratch: ScratchFolder;
beforeAll(() => {
  scratch = new ScratchFolder("cw-csp-");
});
afterAll(() => scratch?.remove());

/** A copy of the real course whose layout is the built-in one with `edit` applied. */
function courseWithLayout(name: string, edit: (layout: string) => string): string {
  const dir = scratch.copyContent(name);
  fs.mkdirSync(path.join(dir, "templates"), { recursive: true });
  fs.writeFileSync(path.join(dir, "templates", "layout.hbs"), edit(BUILTIN_LAYOUT));
  return dir;
}

async function buildOne(contentDir: string, target = "scorm12"): Promise<string> {
  const out = scratch.dir(`out-${path.basename(path.dirname(contentDir))}`);
  const [report] = await build({ contentDir, outDir: out, targets: [target] });
  if (!report) throw new Error("no package");
  return path.join(out, report.file);
}

async function buildError(contentDir: string): Promise<{ error: ContentError; out: string }> {
  const out = path.join(scratch.root, `never-${path.basename(path.dirname(contentDir))}`);
  const caught = await build({ contentDir, outDir: out, targets: ["scorm12"] }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(caught instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(caught)}`);
  return { error: caught, out };
}

describe("the policy in every built page", () => {
  const packages: Record<string, BuiltPackage> = {};
  beforeAll(async () => {
    packages["scorm12"] = await buildAndUnpack({ target: "scorm12" });
    packages["scorm12 --sco-per-session"] = await buildAndUnpack({ target: "scorm12", scoPerSession: true });
    packages["xapi"] = await buildAndUnpack({ target: "xapi" });
  });
  afterAll(() => Object.values(packages).forEach((p) => p.cleanup()));

  it.each(["scorm12", "scorm12 --sco-per-session", "xapi"])("%s: every HTML file starts its head with the policy: own files only, no unsafe-*", (name) => {
    const pkg = packages[name];
    if (!pkg) throw new Error("not built");
    const pages = htmlFiles(pkg.zip);
    expect(pages.length).toBeGreaterThanOrEqual(name.includes("per-session") ? course.sessions.length + 1 : 1);
    for (const [file, html] of pages) {
      const { directives, doc } = policyOf(html);
      const all = [...directives.values()].flat();
      expect(all, file).not.toContain("'unsafe-inline'");
      expect(all, file).not.toContain("'unsafe-eval'");
      expect(directives.get("default-src"), file).toEqual(["'none'"]);
      // The built-in templates have no inline script to hash: the runtime is a file of the package.
      expect(directives.get("script-src"), file).toEqual(["'self'"]);
      expect(directives.get("base-uri"), file).toEqual(["'none'"]);
      expect(directives.get("form-action"), file).toEqual(["'none'"]);
      for (const [directive, sources] of directives) {
        if (directive === "connect-src" && name === "xapi") continue;
        for (const s of sources) expect(["'self'", "'none'"], `${file} ${directive} ${s}`).toContain(s); // no origin, no scheme
      }
      // SCORM talks to the LMS through window.parent.API; the xAPI LRS endpoint only arrives in the launch URL.
      expect(directives.get("connect-src"), file).toEqual(name === "xapi" ? ["'self'", "https:", "http:"] : ["'none'"]);
      // Nothing in the page that the policy would block: no style or event-handler attributes, only data scripts inline.
      for (const el of doc.querySelectorAll("*")) {
        const blocked = el.getAttributeNames().filter((a) => a === "style" || a.startsWith("on"));
        expect(blocked, `${file} <${el.localName}>`).toEqual([]);
      }
      for (const s of doc.querySelectorAll("script:not([src])")) expect(s.getAttribute("type"), file).toBe("application/json");
      expect(cspFindings(new Map([[file, Buffer.from(html)]])), file).toEqual([]);
    }
  });
});

describe("an author's templates cannot drop or weaken the policy", () => {
  it("a layout without the policy (and declaring another charset) still gets charset and policy first in its head", async () => {
    const dir = courseWithLayout("no-csp", (l) => replaceOnce(l, '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'));
    const [[, html] = ["", ""]] = htmlFiles(await buildOne(dir));
    const { head, directives } = policyOf(html);
    expect(head.filter((e) => e.matches("meta[charset], meta[http-equiv=Content-Type]"))).toHaveLength(1);
    expect(directives.get("script-src")).toEqual(["'self'"]);
  });

  it("a layout with no <head> at all still gets them as the first elements of the head the parser implies", async () => {
    const dir = courseWithLayout("no-head", (l) => replaceOnce(replaceOnce(l, "<head>\n", ""), "</head>\n", ""));
    const [[, html] = ["", ""]] = htmlFiles(await buildOne(dir));
    expect(html).not.toMatch(/<head>/);
    const { head } = policyOf(html);
    expect(head.map((e) => e.localName)).toContain("title");
  });

  it("inline code an author's layout carries is allowed by its sha256 only, never 'unsafe-inline'", async () => {
    const script = '\r\nwindow.__authorScript = "ran";\r\n'; // CRLF as an editor on Windows saves it: browsers hash LF
    const style = ".cw-header { border-bottom: 2px solid; }";
    const dir = courseWithLayout("inline", (l) =>
      replaceOnce(l, "<body>\n", `<body>\n<script>${script}</script>\n<style>${style}</style>\n<p class="cw-visually-hidden" style="color: red">x</p>\n`),
    );
    const [[, html] = ["", ""]] = htmlFiles(await buildOne(dir));
    const { directives } = policyOf(html);
    expect(directives.get("script-src")).toEqual(["'self'", sha256(script.replace(/\r\n/g, "\n"))]);
    expect(directives.get("style-src")).toEqual(["'self'", sha256(style), "'unsafe-hashes'", sha256("color: red")]);
  });

  it.each([
    ["an inline event handler", '<button type="button" onclick="alert(1)">Help</button>', /<button onclick="…">: inline event handlers are blocked/],
    ["a javascript: URL", '<a href="javascript:alert(1)">Help</a>', /<a href="javascript:…">: javascript: URLs are blocked/],
    ["a script from another origin", '<script src="https://cdn.example.org/widget.js"></script>', /<script src="https:\/\/cdn\.example\.org\/widget\.js">: not a file of the package/],
    ["a stylesheet from another origin", '<link rel="stylesheet" href="//fonts.example.org/a.css">', /<link href="\/\/fonts\.example\.org\/a\.css">: not a file of the package/],
  ])("refuses %s (which the policy would block) with the template's file:line, output untouched", async (what, markup, message) => {
    const dir = courseWithLayout(`refuse-${what.replace(/\W+/g, "-")}`, (l) => replaceOnce(l, "<body>\n", `<body>\n\n${markup}\n`));
    const { error, out } = await buildError(dir);
    expect(error.problems).toHaveLength(1);
    const [problem] = error.problems;
    expect(problem?.file).toBe(path.join(dir, "templates", "layout.hbs"));
    expect(problem?.line).toBe(BUILTIN_LAYOUT.split("\n").indexOf("<body>") + 3);
    expect(problem?.message).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("Markdown tables are aligned by class, not by a style attribute the policy would block", async () => {
    const dir = scratch.copyContent("table");
    const page = path.join(dir, "sessions", "01-introduction.md");
    fs.appendFileSync(page, "\n\n| Role | Share |\n|:--|--:|\n| Peer | 40% |\n");
    const html = htmlFiles(await buildOne(dir)).map(([, h]) => h).join("");
    const { doc } = policyOf(html);
    expect([...doc.querySelectorAll("th, td")].map((c) => c.className)).toEqual(["cw-align-left", "cw-align-right", "cw-align-left", "cw-align-right"]);
    expect(doc.querySelectorAll("[style]")).toHaveLength(0);
  });
});

describe("verify rule csp", () => {
  const page = (head: string, ours = true): Map<string, Buffer> =>
    new Map([["index.html", Buffer.from(`<!doctype html><html><head>${head}</head><body>${ours ? '<script type="application/json" id="cw-data">{}</script>' : ""}</body></html>`)]]);
  const POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">`;

  it("passes a sound policy; a Coursewright page without one, with one after a script, or allowing inline script is an error", () => {
    expect(cspFindings(page(POLICY))).toEqual([]);
    const of = (files: Map<string, Buffer>): string[] => cspFindings(files).map((f) => `${f.severity} ${f.rule}: ${f.message}`);
    expect(of(page(""))).toEqual([expect.stringMatching(/^error csp: index\.html has no Content-Security-Policy meta element/)]);
    expect(of(page(`<script src="a.js"></script>${POLICY}`))).toEqual([expect.stringMatching(/^error csp: index\.html declares its Content-Security-Policy after a <script>/)]);
    expect(of(page(POLICY.replace("'self'", "'self' 'unsafe-inline'")))).toEqual([expect.stringMatching(/^error csp: .*script-src 'unsafe-inline'/)]);
  });

  it("another tool's pages without a policy get one warning, not an error", () => {
    const files = new Map([...page("", false), ["b.html", Buffer.from("<html><body>b</body></html>")]]);
    expect(cspFindings(files).map((f) => `${f.severity}: ${f.message}`)).toEqual([expect.stringMatching(/^warning: 2 HTML files without a sound Content-Security-Policy/)]);
  });

  it("coursewright verify fails our package when its policy has been stripped", async () => {
    const pkg = await buildAndUnpack({ target: "xapi" });
    try {
      const files = [...readZip(pkg.zip)].map(([p, data]) => ({ path: p, data: p.endsWith(".html") ? Buffer.from(data.toString("utf8").replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")) : data }));
      const zip = path.join(scratch.dir("stripped"), "stripped.zip");
      await writeZip(files, zip);
      const report = await verifyPackage(zip, { browser: () => Promise.resolve("no browser in this test") });
      expect(report.findings.filter((f) => f.rule === "csp").map((f) => `${f.severity}: ${f.message}`)).toEqual([expect.stringMatching(/^error: index\.html has no Content-Security-Policy/)]);
      const intact = await verifyPackage(pkg.zip, { browser: () => Promise.resolve("no browser in this test") });
      expect(intact.findings.filter((f) => f.rule === "csp")).toEqual([]);
    } finally {
      pkg.cleanup();
    }
  });
});

// ---- in Chromium -----------------------------------------------------------------------------------

interface Violation {
  readonly directive: string;
  readonly blocked: string;
}
type Watched = Window & { __csp?: Violation[]; __pwned?: string; __authorScript?: string };

/** Collects every securitypolicyviolation of every frame from the first byte (init scripts are not under the page's CSP). */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as Watched;
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp?.push({ directive: e.effectiveDirective, blocked: e.blockedURI }), true);
  });
}
const violations = (frame: Frame | Page): Promise<Violation[]> => frame.evaluate(() => (window as Watched).__csp ?? []);
const cspConsole = (browser: Browser): string[] => browser.problems.filter((p) => /Content Security Policy/i.test(p));

describe.skipIf(!chromiumAvailable)("in Chromium, under the policy", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  it("SCORM 1.2 in the LMS-like player: the course works and the LMS records; injected inline script is blocked and reported", async () => {
    // The author's own inline script (hashed by the build, saved with CRLF) runs; what is injected later does not.
    const dir = courseWithLayout("chromium", (l) => replaceOnce(l, "<body>\n", '<body>\n<script>\r\nwindow.__authorScript = "ran";\r\n</script>\n'));
    const pkg = await buildAndUnpack({ target: "scorm12", contentDir: dir });
    const server = await startPlayerServer({ packageDir: pkg.dir, attempts: AttemptStore.inMemory() });
    const page = await browser.newPage();
    try {
      browser.problems.length = 0;
      await watchViolations(page);
      await page.goto(server.url);
      const frame = await contentFrame(page);
      const learner = new BrowserLearner(frame, course);
      expect(await frame.evaluate(() => (window as Watched).__authorScript)).toBe("ran");

      await learner.next();
      const s4 = course.sessions.find((s) => s.check);
      if (!s4?.check) throw new Error("the course has no knowledge check");
      await learner.passCheck(s4.id);
      const cmi = await page.evaluate(
        () => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi() as { cmi: { core: { lesson_status: string }; interactions: Record<string, { result: string }> } },
      );
      expect(cmi.cmi.core.lesson_status).toBe("incomplete");
      const results = Object.values(cmi.cmi.interactions).map((i) => i.result);
      expect(results.length).toBeGreaterThanOrEqual(s4.check.questions.length);
      expect(results.at(-1)).toBe("correct");
      expect(await violations(frame)).toEqual([]);
      expect(cspConsole(browser)).toEqual([]);

      // What an attacker who got markup into the page would try: a script element, an event handler, a javascript: URL.
      await frame.evaluate(() => {
        const s = document.createElement("script");
        s.textContent = "window.__pwned = 'script element'";
        document.body.append(s);
        const box = document.createElement("div");
        box.innerHTML = `<img alt="" src="assets/course.css" onerror="window.__pwned = 'event handler'">`;
        document.body.append(box);
        const a = document.createElement("a");
        a.href = "javascript:void (window.__pwned = 'javascript: URL')";
        document.body.append(a);
        a.click();
      });
      const seen = await until(async () => {
        const v = await violations(frame);
        return v.length >= 3 ? v : undefined;
      }, "three CSP violation events");
      expect(seen.map((v) => v.directive).sort()).toEqual(["script-src-attr", "script-src-elem", "script-src-elem"]);
      expect(seen.every((v) => v.blocked === "inline")).toBe(true);
      expect(await frame.evaluate(() => (window as Watched).__pwned)).toBeUndefined();
      expect(cspConsole(browser).length).toBeGreaterThanOrEqual(3);
      // The course is still there and working.
      await learner.next();
    } finally {
      await page.close();
      await server.close();
      pkg.cleanup();
    }
  });

  it("xAPI: the course reaches the development LRS on 127.0.0.1 under its connect-src, with no violation", async () => {
    const pkg = await buildAndUnpack({ target: "xapi" });
    const lrs = await startLrs();
    const site = await serveDir(pkg.dir);
    const page = await browser.newPage();
    try {
      browser.problems.length = 0;
      await watchViolations(page);
      const registration = randomUUID();
      const params = launchParameters(lrs, { actor: { objectType: "Agent", name: "Ada", mbox: "mailto:ada@example.org" }, registration });
      await page.goto(`${site.url}index.html?${params.toString()}`);
      await enterCourseIn(page);
      const policy = await page.locator("head > meta[http-equiv=Content-Security-Policy]").getAttribute("content");
      expect(parsePolicy(policy ?? "").get("connect-src")).toEqual(["'self'", "https:", "http:"]);
      await new BrowserLearner(page, course).next();
      const verbs = (): string[] => lrs.statements().map((s) => String((s["verb"] as { id?: unknown } | undefined)?.id ?? ""));
      await until(() => verbs().some((v) => v.endsWith("/initialized")) && verbs().length >= 2, "statements in the LRS");
      expect(await violations(page)).toEqual([]);
      expect(cspConsole(browser)).toEqual([]);
    } finally {
      await page.close();
      await site.close();
      await lrs.close();
      pkg.cleanup();
    }
  });
});
