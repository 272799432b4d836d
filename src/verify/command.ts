// `coursewright verify <package.zip>... [--json]`: argument parsing, the shared browser, output, exit code.
import { parseArgs } from "node:util";
import { missingOptionalPackages } from "../optional-deps.js";
import type { VerifyBrowser } from "./browser.js";
import { neededPeers } from "./needed-peers.js";
import { formatReport } from "./report.js";
import { removeAllTempDirs } from "./temp-dirs.js";
import type { PackageReport } from "./verify.js";

export const VERIFY_HELP = `Usage: coursewright verify <package.zip>... [--json]

Checks SCORM 1.2 and TinCan (xAPI) packages, ours or any other tool's, the way an LMS would use them:
  1. unzips each package to a temporary folder (removed afterwards);
  2. static checks: SCORM 1.2 imsmanifest.xml against the ADL XSDs and the manifest rules the XSDs cannot
     check (unique NCName ids, default organization, identifierrefs, titles, lowercase scormtype, every
     <file> present, files at the ZIP root, schema/schemaversion, schema files); TinCan: tincan.xml
     structure (one tincan.xml, activities with IRI ids, type, name and description with lang, exactly
     one launch, launch file present);
  3. plays every unit in headless Chromium inside an LMS-like player (scorm-again as the SCORM 1.2 LMS, a
     development LRS for xAPI). A Coursewright course is worked through: every page, every knowledge check
     answered right, the assessment failed once (SCORM, when a retake is allowed) and then passed. Other
     packages are launched and left running for a few seconds. Then the content is closed (pagehide);
  4. judges what was recorded against the SCORM 1.2 RTE and xAPI 1.0.3 rules (API call order and values, status set,
     LMSCommit, one LMSFinish, session_time format, suspend_data and lesson_location limits; valid
     statements with the registration, initialized first, terminated last, no duplicates) and prints a
     report: per unit what the LMS/LRS recorded, API calls, commits, suspend_data size, session_time, and
     every violation with its rule number.

Options:
  --json        Print the report as JSON on stdout: { "exitCode": n, "packages": [ ... ] }
  -h, --help    Show this help

Chromium: $CHROMIUM_PATH, else /usr/bin/chromium. Nothing is downloaded; without a browser only the static
checks run.

ZIPs are read as hostile: an entry named outside the package folder ('..', absolute, a drive letter,
backslashes, NUL), more than 10,000 entries, a file over 256 MiB or 1 GiB in all, a file over 1 MiB that
expands more than 100:1, or headers that disagree make the package one verify will not open (exit 2).

Exit status: 0 every package passed; 1 a rule was violated; 2 usage error, unreadable, refused or
unsupported package, or no Chromium to play it in.
`;

export async function runVerify(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}\nRun 'coursewright verify --help' for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(VERIFY_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    console.error("error: no package given\nUsage: coursewright verify <package.zip>... [--json]");
    return 2;
  }

  // Only the peers the given packages need (a SCORM 1.2 package needs no SQLite), checked before the modules
  // that import them load.
  const missing = missingOptionalPackages("verify", positionals.flatMap(neededPeers));
  if (missing) {
    console.error(`error: ${missing}`);
    return 2;
  }
  const { verifyPackage } = await import("./verify.js");

  let launched: Promise<VerifyBrowser | string> | undefined;
  const browser = (): Promise<VerifyBrowser | string> =>
    (launched ??= (async () => {
      // Reached only for a package whose kind asked for playwright-core above.
      const { chromiumExecutable, launchChromium } = await import("./browser.js");
      const exe = chromiumExecutable();
      if (!exe.exists) {
        return `Chromium not found at ${exe.path}. Install it (Debian: apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome executable; verify never downloads a browser`;
      }
      try {
        return await launchChromium(exe.path);
      } catch (err) {
        return `Chromium at ${exe.path} did not start: ${err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err)}`;
      }
    })());

  const interrupted = (): void => {
    removeAllTempDirs();
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const reports: PackageReport[] = [];
  try {
    for (const file of positionals) {
      const report = await verifyPackage(file, { browser });
      reports.push(report);
      if (!values.json) console.log(formatReport(report) + (positionals.length > 1 ? "\n" : ""));
    }
  } finally {
    const b = await launched;
    if (b && typeof b !== "string") await b.close();
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
  const b = await launched;
  if (typeof b === "string") console.error(`verify: ${b}. Only the static checks ran (exit 2).`);
  const exitCode = Math.max(0, ...reports.map((r) => r.exitCode));
  if (values.json) console.log(JSON.stringify({ exitCode, packages: reports }, null, 2));
  else if (reports.length > 1) {
    const counts = [0, 1, 2].map((c) => reports.filter((r) => r.exitCode === c).length);
    console.log(`${reports.length} packages: ${counts[0]} passed, ${counts[1]} failed, ${counts[2]} not verified`);
  }
  return exitCode;
}
