// `coursewright verify`, one package: unzip to a temporary folder, static checks (manifest XSD and rules,
// or tincan.xml structure), then a scripted learner journey in Chromium inside the LMS-like player with
// scorm-again (SCORM 1.2) or the development LRS (xAPI), and the rules applied to what was recorded.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { startLrs, type JsonObject, type RunningLrs } from "../lrs/index.js";
import { readZip } from "../package/read-zip.js";
import { AttemptStore } from "../player/attempt-store.js";
import type { LaunchUnit } from "../player/package-units.js";
import { startPlayerServer, type PlayerServer } from "../player/server.js";
import type { VerifyBrowser } from "./browser.js";
import { cspFindings } from "./csp-rules.js";
import { dedupe, error, type Finding } from "./findings.js";
import { contentFrame, playUnit, type UnitKind } from "./journey.js";
import { itemScormtypes, MANIFEST, manifestNamespace, manifestViolations, NS_IMSCP_2004, schemaFileViolations } from "../standards/scorm12/verify/manifest-rules.js";
import type { ApiCall } from "../standards/scorm12/verify/call-rules.js";
import { checkScorm12Session, checkXapiStatements, type Scorm12Summary, type XapiSummary } from "../standards/scorm12/verify/session-check.js";
import { makeTempDir, removeTempDir } from "./temp-dirs.js";
import { TINCAN, tincanRoot, tincanViolations } from "../standards/tincan/verify/tincan-rules.js";
import { notUtf8Problem } from "../package/xml-strict.js";
import { validateScorm12Manifest } from "../standards/scorm12/verify/xsd.js";

export type Standard = "scorm12" | "xapi";

export interface UnitReport {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly kind: UnitKind | "asset";
  /** What the scripted learner did. */
  readonly journey: readonly string[];
  /** SCORM 1.2: what the LMS recorded and how the SCO talked to it. */
  readonly scorm12?: Scorm12Summary;
  /** xAPI: what the LRS recorded. */
  readonly xapi?: XapiSummary;
  /** Console errors, page errors and failed requests seen while the unit ran (reported, not judged). */
  readonly browserProblems: readonly string[];
  readonly findings: readonly Finding[];
}

export interface PackageReport {
  readonly file: string;
  readonly standard: Standard | null;
  readonly title: string;
  /** Files in the ZIP. */
  readonly files: number;
  /** SCORM 1.2: manifest against the ADL XSDs. */
  readonly schema: "valid" | "invalid" | "not applicable";
  /** Notes that are neither findings nor failures (e.g. IMS MD metadata the schema set cannot check). */
  readonly notes: readonly string[];
  readonly played: boolean;
  /** Why the learner journey did not run. */
  readonly notPlayedBecause?: string;
  readonly units: readonly UnitReport[];
  /** Package-level and unit findings, repeats collapsed. */
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
  /** 0 no errors; 1 errors; 2 the package could not be verified (unreadable, unsupported, no browser). */
  readonly exitCode: 0 | 1 | 2;
  /** Set with exit code 2: what stopped the verification. */
  readonly fatal?: string;
}

export interface VerifyOptions {
  /** Returns the shared browser, or a message saying why there is none. */
  readonly browser: () => Promise<VerifyBrowser | string>;
  /** How long a foreign unit runs before it is closed. Default 3 s. */
  readonly dwellMs?: number;
  /** Per step of the journey. Default 15 s. */
  readonly timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(probe: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > end) return false;
    await sleep(50);
  }
}

function fatal(file: string, message: string, partial: Partial<PackageReport> = {}): PackageReport {
  return {
    file,
    standard: null,
    title: "",
    files: 0,
    schema: "not applicable",
    notes: [],
    played: false,
    notPlayedBecause: message,
    units: [],
    findings: [],
    errors: 0,
    warnings: 0,
    ...partial,
    exitCode: 2,
    fatal: message,
  };
}

export async function verifyPackage(file: string, options: VerifyOptions): Promise<PackageReport> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return fatal(file, `${file}: no such file`);
  let entries: Map<string, Buffer>;
  try {
    // The shared reader refuses, with the entry's name, what no LMS would unpack safely: names leaving the
    // folder (absolute, '..', backslashes, drive letters, NUL), more entries or bytes than its limits, bombs.
    entries = readZip(file);
  } catch (err) {
    return fatal(file, err instanceof Error ? err.message : String(err));
  }
  const names = [...entries.keys()];
  const findings: Finding[] = [];
  const notes: string[] = [];

  // ---- what kind of package --------------------------------------------------------------------
  const manifests = names.filter((n) => (n.split("/").pop() ?? "").toLowerCase() === MANIFEST).sort((a, b) => a.split("/").length - b.split("/").length);
  const tincan = tincanRoot(names);
  let standard: Standard;
  let root: string;
  let controlName: string;
  if (manifests[0] !== undefined) {
    standard = "scorm12";
    controlName = manifests[0];
    root = controlName.slice(0, controlName.length - MANIFEST.length);
    if (controlName !== MANIFEST) findings.push(error("1.1", `the manifest must be 'imsmanifest.xml' at the ZIP root, with no wrapping folder; found '${controlName}'`));
    if (names.includes("cmi5.xml")) return fatal(file, "this is a cmi5 package; verify checks SCORM 1.2 and TinCan packages");
    const ns = manifestNamespace(entries.get(controlName)?.toString("utf8") ?? "");
    if (ns === NS_IMSCP_2004) return fatal(file, "this is a SCORM 2004 package (IMS CP 1.1 manifest); verify checks SCORM 1.2 and TinCan packages", { files: names.length });
  } else if (tincan.root !== undefined) {
    standard = "xapi";
    root = tincan.root;
    controlName = root + TINCAN;
    findings.push(...tincan.findings);
  } else if (names.includes("cmi5.xml")) {
    return fatal(file, "this is a cmi5 package; verify checks SCORM 1.2 and TinCan packages", { files: names.length });
  } else {
    return fatal(file, `${path.basename(file)} has neither imsmanifest.xml (SCORM 1.2) nor tincan.xml (TinCan): not a package verify knows`, { files: names.length });
  }
  const rel = new Map<string, Buffer>();
  for (const n of names) if (n.startsWith(root)) rel.set(n.slice(root.length), entries.get(n) ?? Buffer.alloc(0));
  const controlBytes = entries.get(controlName) ?? Buffer.alloc(0);
  const controlXml = controlBytes.toString("utf8");
  const undecodable = notUtf8Problem(controlBytes);
  if (undecodable) findings.push(error(standard === "scorm12" ? "1.11" : "6.2", `${standard === "scorm12" ? MANIFEST : TINCAN} is ${undecodable}`));
  if (standard === "scorm12" && !rel.has(MANIFEST)) rel.set(MANIFEST, Buffer.from(controlXml)); // wrong case: let the player find it
  const relNames = new Set(rel.keys());

  // ---- static checks ---------------------------------------------------------------------------
  let schema: PackageReport["schema"] = "not applicable";
  if (standard === "scorm12") {
    const xsd = await validateScorm12Manifest(controlXml);
    schema = xsd.valid ? "valid" : "invalid";
    xsd.errors.forEach((e, i) => findings.push(error("1.11", `imsmanifest.xml${xsd.lines[i] ? ` line ${xsd.lines[i]}` : ""}: ${e}`)));
    if (xsd.unchecked.length) notes.push(`IMS MD metadata in the manifest is not schema-checked (${xsd.unchecked.length} element${xsd.unchecked.length === 1 ? "" : "s"})`);
    findings.push(...manifestViolations(controlXml, relNames), ...schemaFileViolations(controlXml, relNames));
  } else {
    findings.push(...tincanViolations(controlXml, relNames));
  }
  findings.push(...cspFindings(rel));

  const tmp = makeTempDir("coursewright-verify-");
  try {
    const dir = path.join(tmp, "package");
    for (const [name, data] of rel) {
      if (name === "" || name.endsWith("/")) continue;
      const target = path.join(dir, ...name.split("/"));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
    const base = { file, standard, files: names.length, schema, notes };
    const browser = await options.browser();
    if (typeof browser === "string") return finish({ ...base, title: "", played: false, notPlayedBecause: browser, units: [], findings }, true);
    let played: Awaited<ReturnType<typeof play>>;
    try {
      played = await play(dir, standard, controlXml, browser, options);
    } catch (err) {
      // e.g. content that navigates the whole player away: report it, keep verifying other packages.
      played = { skipped: `verify could not finish playing it: ${err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err)}` };
    }
    if ("skipped" in played) {
      findings.push(error("journey", `the package cannot be launched: ${played.skipped}`));
      return finish({ ...base, title: "", played: false, notPlayedBecause: played.skipped, units: [], findings }, false);
    }
    return finish({ ...base, title: played.title, played: true, units: played.units, findings }, false);
  } finally {
    removeTempDir(tmp);
  }
}

type Draft = Omit<PackageReport, "errors" | "warnings" | "exitCode">;

function finish(draft: Draft, incomplete: boolean): PackageReport {
  const all = dedupe([...draft.findings, ...draft.units.flatMap((u) => u.findings.map((f) => ({ ...f, unit: u.id })))]);
  const errors = all.filter((f) => f.severity === "error").length;
  const warnings = all.length - errors;
  return { ...draft, findings: all, errors, warnings, exitCode: incomplete ? 2 : errors > 0 ? 1 : 0 };
}

// ---- the learner journey ---------------------------------------------------------------------------

interface RecordedCall extends ApiCall {
  readonly unit: string;
}

interface PlayerHandle {
  __cw: { unit: string; calls: RecordedCall[]; cmi(): unknown; open(id: string): Promise<void> };
}

async function play(
  dir: string,
  standard: Standard,
  controlXml: string,
  browser: VerifyBrowser,
  options: VerifyOptions,
): Promise<{ title: string; units: UnitReport[] } | { skipped: string }> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const dwellMs = options.dwellMs ?? 3_000;
  let lrs: RunningLrs | undefined;
  let player: PlayerServer | undefined;
  let page: Page | undefined;
  try {
    const attempts = AttemptStore.inMemory();
    if (standard === "xapi") lrs = await startLrs();
    try {
      player = await startPlayerServer({ packageDir: dir, attempts, ...(lrs ? { lrs } : {}) });
    } catch (err) {
      return { skipped: err instanceof Error ? err.message : String(err) };
    }
    const units = player.info.units;
    if (units.length === 0) return { skipped: "the package has no launchable unit (no item that references a resource with an href)" };
    const scormtypes = standard === "scorm12" ? itemScormtypes(controlXml) : new Map<string, string | null>();

    page = await browser.context.newPage();
    page.setDefaultTimeout(timeoutMs);
    const problems: string[] = [];
    // Chromium's "Failed to load resource" console line repeats an HTTP error the response listener has
    // already noted with its URL; a 404 for an xAPI document not written yet is the LRS's normal answer.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => {
      const why = r.failure()?.errorText ?? "";
      if (why !== "net::ERR_ABORTED") problems.push(`request failed: ${r.method()} ${r.url()} ${why}`);
    });
    page.on("response", (r) => {
      const url = new URL(r.url());
      const absentDocument = r.status() === 404 && r.request().method() === "GET" && /\/(activities\/state|activities\/profile|agents\/profile)$/.test(url.pathname);
      if (r.status() >= 400 && !absentDocument) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${url.origin}${url.pathname}`);
    });
    await page.goto(player.url);

    const reports: UnitReport[] = [];
    for (const [i, unit] of units.entries()) {
      if (scormtypes.get(unit.id) === "asset") {
        reports.push({ ...unitBase(unit), kind: "asset", journey: ["asset: not launched (an asset does not talk to the LMS)"], browserProblems: [], findings: [] });
        continue;
      }
      // Counted before the unit opens: the first unit was opened with the player page and may have sent already.
      const statementsBefore = i === 0 ? 0 : (lrs?.statements().length ?? 0);
      if (i === 0) await page.waitForFunction((id) => (window as unknown as PlayerHandle).__cw?.unit === id, unit.id, { timeout: timeoutMs });
      else await page.evaluate((id) => (window as unknown as PlayerHandle).__cw.open(id), unit.id);
      let journey: Awaited<ReturnType<typeof playUnit>>;
      try {
        const frame = await contentFrame(page, timeoutMs);
        journey = await playUnit(frame, { standard, dwellMs, timeoutMs });
      } catch (err) {
        journey = { kind: "foreign", steps: [], failure: err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err) };
      }
      await sleep(300);
      // The learner leaves: the frame goes away as when an LMS player switches unit or closes (pagehide).
      await page.evaluate(() => document.getElementById("cw-content")?.remove());
      const findings: Finding[] = [];
      if (journey.failure) findings.push(error("journey", `the scripted learner journey stopped: ${journey.failure}`));
      const steps = [...journey.steps, "closed (pagehide)"];

      if (standard === "scorm12") {
        const p = page;
        const calls = (): Promise<RecordedCall[]> => p.evaluate((id) => (window as unknown as PlayerHandle).__cw.calls.filter((c) => c.unit === id), unit.id);
        await until(async () => (await calls()).some((c) => c.fn === "LMSFinish"), 5_000);
        await sleep(200);
        const recorded = await calls();
        const cmi = await page.evaluate(() => (window as unknown as PlayerHandle).__cw.cmi());
        const checked = checkScorm12Session(recorded, cmi);
        findings.push(...checked.findings);
        if (journey.kind === "coursewright" && !journey.failure && !["passed", "completed"].includes(checked.summary.lessonStatus)) {
          findings.push(error("3.2", `after every page and every right answer the LMS holds lesson_status '${checked.summary.lessonStatus}'; expected 'completed' or 'passed' (11.4)`));
        }
        reports.push({ ...unitBase(unit), kind: journey.kind, journey: steps, scorm12: checked.summary, browserProblems: problems.splice(0), findings });
      } else {
        const l = lrs;
        if (!l) throw new Error("no LRS");
        const mine = (): JsonObject[] => l.statements().slice(statementsBefore);
        await until(() => mine().some((s) => String((s["verb"] as { id?: unknown } | undefined)?.id ?? "").endsWith("/terminated")), 5_000);
        await sleep(500);
        const rejected = l.requests
          .filter((r) => r.path.endsWith("/statements") && (r.method === "POST" || r.method === "PUT") && r.status >= 400)
          .map((r) => `${r.method} ${r.path} answered ${r.status}`);
        const checked = checkXapiStatements(mine(), attempts.registration, rejected);
        findings.push(...checked.findings);
        reports.push({ ...unitBase(unit), kind: journey.kind, journey: steps, xapi: checked.summary, browserProblems: problems.splice(0), findings });
      }
    }
    return { title: player.info.title, units: reports };
  } finally {
    // The next package may be served on a port this one used: leave no stored state for it to find.
    await page
      ?.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      })
      .catch(() => undefined);
    await page?.close().catch(() => undefined);
    await player?.close();
    await lrs?.close();
  }
}

function unitBase(unit: LaunchUnit): Pick<UnitReport, "id" | "title" | "href"> {
  return { id: unit.id, title: unit.title, href: unit.href };
}
