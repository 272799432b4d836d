// `coursewright verify <package.zip>... [--json]`: argument parsing, the shared browser, output, exit code.
import { parseCommandArgs, UsageError, usageText } from "../command-args.js";
import { missingOptionalPackages } from "../optional-deps.js";
import type { VerifyBrowser } from "./browser.js";
import { readableStandards } from "../standards/detect.js";
import { STANDARDS } from "../standards/registry.js";
import { neededPeers } from "./needed-peers.js";
import { formatReport } from "./report.js";
import { removeAllTempDirs } from "./temp-dirs.js";
import type { PackageReport } from "./verify.js";

/** `text` in lines of at most `width` characters (broken at spaces). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** The help text: what each standard's verify facet checks, from the registry. */
async function verifyHelp(): Promise<string> {
  const verifiable = STANDARDS.filter((st) => st.verify);
  const facets = await Promise.all(verifiable.map(async (st) => ({ standard: st, rules: await st.verify?.() })));
  const each = (pick: (f: (typeof facets)[number]) => string | undefined): string =>
    facets
      .flatMap((f) => pick(f) ?? [])
      .map((line) => `\n     - ${wrap(line, 104).join("\n       ")}`)
      .join("");
  return `Usage: coursewright verify <package.zip>... [--json]

Checks ${readableStandards()} packages, ours or any other tool's, the way an LMS would use them:
  1. unzips each package to a temporary folder (removed afterwards); its control file tells its standard;
  2. static checks of the control file:${each((f) => f.rules && `${f.standard.title}: ${f.rules.help.statics}`)}
  3. plays every unit in headless Chromium inside an LMS-like player:${each((f) => `${f.standard.title}: ${f.standard.simulation?.lms ?? "no LMS"}`)}
     A Coursewright course is worked through: every page, every knowledge check answered right, the
     assessment failed once (where the standard plays a retake round: ${facets.filter((f) => f.rules?.retake).map((f) => f.standard.title).join(", ") || "none"}; and the course allows one)
     and then passed. Other packages are launched and left running for a few seconds. Then the content is
     closed (pagehide);
  4. judges what was recorded against the standard's rules:${each((f) => f.rules && `${f.standard.title}: ${f.rules.help.session}`)}
     and prints a report: per unit what the LMS/LRS recorded, and every violation with its rule number.

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
}

export async function runVerify(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandArgs("verify", argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(usageText(err));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(await verifyHelp());
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
      if (!values.json) console.log((await formatReport(report)) + (positionals.length > 1 ? "\n" : ""));
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
