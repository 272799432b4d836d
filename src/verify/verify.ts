// `coursewright verify`, one package: unzip to a temporary folder, find its standard (the registry's
// readers), that standard's static checks, then a scripted learner journey in Chromium inside the LMS-like
// player with the standard's LMS or LRS, and the standard's rules applied to what each unit left there.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { startLrs, type RunningLrs } from "../lrs/index.js";
import { sleep } from "../net/poll.js";
import { readZip } from "../package/read-zip.js";
import { AttemptStore } from "../player/attempt-store.js";
import { startPlayerServer, type PlayerServer } from "../player/server.js";
import { detectPackage, readableStandards } from "../standards/detect.js";
import type { LaunchUnit } from "../standards/reader.js";
import type { RecordedCall } from "../standards/common/scorm/call-recorder.js";
import type { Standard } from "../standards/standard.js";
import type { UnitSummary, VerifyRules } from "../standards/verify-rules.js";
import type { VerifyBrowser } from "./browser.js";
import { cspFindings } from "./csp-rules.js";
import { dedupe, error, type Finding } from "./findings.js";
import { contentFrame, failureText, playUnit, type UnitKind } from "./journey.js";
import { makeTempDir, removeTempDir } from "./temp-dirs.js";
import { notUtf8Problem } from "../package/xml-strict.js";

export interface UnitReport {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly kind: UnitKind | "asset";
  /** What the scripted learner did. */
  readonly journey: readonly string[];
  /** What the LMS/LRS recorded and how the unit talked to it, as the standard summarises it. */
  readonly summary?: UnitSummary;
  /** Console errors, page errors and failed requests seen while the unit ran (reported, not judged). */
  readonly browserProblems: readonly string[];
  readonly findings: readonly Finding[];
}

export interface PackageReport {
  readonly file: string;
  /** The standard's id (its `--target` name), or null when the package is of no standard verify reads. */
  readonly standard: string | null;
  readonly title: string;
  /** Files in the ZIP. */
  readonly files: number;
  /** The control file against the standard's schemas, where it has them. */
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

  // ---- what kind of package --------------------------------------------------------------------
  const detected = detectPackage(names, (name) => entries.get(name)?.toString("utf8"));
  const knows = `verify checks ${readableStandards()} packages`;
  if ("notSupported" in detected) return fatal(file, `this is ${detected.notSupported}; ${knows}`, { files: names.length });
  if ("unknown" in detected) return fatal(file, `${path.basename(file)} has ${detected.unknown}: not a package verify knows`, { files: names.length });
  const { standard, reader, recognised } = detected;
  if (!standard.verify) return fatal(file, `this is a ${standard.title} package; ${knows}`, { files: names.length });
  const rules = await standard.verify();
  findings.push(...recognised.findings);
  const root = recognised.root;
  const rel = new Map<string, Buffer>();
  for (const n of names) if (n.startsWith(root)) rel.set(n.slice(root.length), entries.get(n) ?? Buffer.alloc(0));
  const controlBytes = entries.get(recognised.control) ?? Buffer.alloc(0);
  const controlXml = controlBytes.toString("utf8");
  const undecodable = notUtf8Problem(controlBytes);
  if (undecodable) findings.push(error(rules.encodingRule, `${reader.controlFile} is ${undecodable}`));
  if (!rel.has(reader.controlFile)) rel.set(reader.controlFile, Buffer.from(controlXml)); // wrong case: let the player find it
  const relNames = new Set(rel.keys());

  // ---- static checks ---------------------------------------------------------------------------
  const checked = await rules.staticChecks(controlXml, relNames, (name) => rel.get(name));
  findings.push(...checked.findings, ...cspFindings(rel));

  const tmp = makeTempDir("coursewright-verify-");
  try {
    const dir = path.join(tmp, "package");
    for (const [name, data] of rel) {
      if (name === "" || name.endsWith("/")) continue;
      const target = path.join(dir, ...name.split("/"));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data);
    }
    const base = { file, standard: standard.id, files: names.length, schema: checked.schema, notes: checked.notes };
    const browser = await options.browser();
    if (typeof browser === "string") return finish({ ...base, title: "", played: false, notPlayedBecause: browser, units: [], findings }, true);
    let played: Awaited<ReturnType<typeof play>>;
    try {
      played = await play(dir, standard, rules, browser, options);
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

interface PlayerHandle {
  __cw: { unit: string; calls: (RecordedCall & { unit: string })[]; cmi(): unknown; open(id: string): Promise<void> };
}

async function play(
  dir: string,
  standard: Standard,
  rules: VerifyRules,
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
    if (standard.simulation?.needsLrs) lrs = await startLrs();
    try {
      player = await startPlayerServer({ packageDir: dir, attempts, ...(lrs ? { lrs } : {}) });
    } catch (err) {
      return { skipped: err instanceof Error ? err.message : String(err) };
    }
    const units = player.info.units;
    if (units.length === 0) return { skipped: "the package has no launchable unit (no item that references a resource with an href)" };

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
    const p = page;
    const l = lrs;
    for (const [i, unit] of units.entries()) {
      if (unit.asset) {
        reports.push({ ...unitBase(unit), kind: "asset", journey: ["asset: not launched (an asset does not talk to the LMS)"], browserProblems: [], findings: [] });
        continue;
      }
      // Counted before the unit opens: the first unit was opened with the player page and may have sent already.
      const statementsBefore = i === 0 ? 0 : (l?.statements().length ?? 0);
      if (i === 0) await p.waitForFunction((id) => (window as unknown as PlayerHandle).__cw?.unit === id, unit.id, { timeout: timeoutMs });
      else await p.evaluate((id) => (window as unknown as PlayerHandle).__cw.open(id), unit.id);
      let journey: Awaited<ReturnType<typeof playUnit>>;
      try {
        const frame = await contentFrame(p, timeoutMs);
        journey = await playUnit(frame, { retake: rules.retake, dwellMs, timeoutMs });
      } catch (err) {
        journey = { kind: "foreign", steps: [], failure: err instanceof Error ? failureText(err.message) : String(err) };
      }
      await sleep(300);
      // The learner leaves: the frame goes away as when an LMS player switches unit or closes (pagehide).
      await p.evaluate(() => document.getElementById("cw-content")?.remove());
      const findings: Finding[] = [];
      if (journey.failure) findings.push(error("journey", `the scripted learner journey stopped: ${journey.failure}`));
      const steps = [...journey.steps, "closed (pagehide)"];
      const checked = await rules.checkUnit({
        unit,
        completedJourney: journey.kind === "coursewright" && !journey.failure,
        calls: () => p.evaluate((id) => (window as unknown as PlayerHandle).__cw.calls.filter((c) => c.unit === id), unit.id),
        lmsData: () => p.evaluate(() => (window as unknown as PlayerHandle).__cw.cmi()),
        statements: () => l?.statements().slice(statementsBefore) ?? [],
        refusedStatementRequests: () =>
          (l?.requests ?? []).filter((r) => r.path.endsWith("/statements") && (r.method === "POST" || r.method === "PUT") && r.status >= 400).map((r) => `${r.method} ${r.path} answered ${r.status}`),
        registration: attempts.registration,
      });
      findings.push(...checked.findings);
      reports.push({ ...unitBase(unit), kind: journey.kind, journey: steps, summary: checked.summary, browserProblems: problems.splice(0), findings });
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
