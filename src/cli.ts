// Command line: argument parsing and output only; the work is in build.ts.
import fs from "node:fs";
import path from "node:path";
import type { PackageReport } from "./build.js";
import { parseCommandArgs, UsageError, usageText } from "./command-args.js";
import { BuildInputError, ContentError } from "./content/errors.js";
import { missingOptionalPackages } from "./optional-deps.js";
import { PACKAGE_ROOT } from "./paths.js";
// The pipeline (content, render, package) and the standards load only for a command that uses them: not for
// --version or a usage error (src/standards/registry.ts alone pulls in every packager).
const standards = (): Promise<typeof import("./standards/target-names.js")> => import("./standards/target-names.js");

const help = async (): Promise<string> => {
  const { STANDARDS } = await import("./standards/registry.js");
  const { targetList } = await standards();
  return `Usage: coursewright <command> [options]

Commands:
  init       Create a new course that builds at once, in a folder or the current one
             (coursewright init [folder] [--force]; coursewright init --help)
  build      Build e-learning packages from a course folder
  preview    Build the course and open it as a learner would see it in an LMS, with a tracking panel
             (coursewright preview --help)
  verify     Check packages (${STANDARDS.filter((s) => s.verify).map((s) => s.title).join(", ")}): control files, and a
             scripted learner journey in Chromium
             (coursewright verify --help)
  schemas    Write the JSON Schemas of course.yaml and quiz files (for editor autocompletion)
  translate  Export the course's texts to XLIFF 1.2 for translators, and import a translation as a new course folder
             (coursewright translate export --to <language>; coursewright translate import <file.xlf>;
             coursewright translate --help)

Options of build:
  --target <name>     Package to build: ${targetList()}, or "all" (every target). Required.
  --content <dir>     Course folder holding course.yaml (default: content)
  --out <dir>         Where the zip files (and unpacked folders) go (default: dist)
  --sco-per-session   SCORM: one SCO per session plus one for the final assessment, so the LMS itself
                      shows which sessions are complete (default: the whole course is one SCO)
  --au-per-session    The same for a course structure of AUs (assignable units): one AU per session
                      plus one for the final assessment (default: the whole course is one AU)

Options of schemas:
  --out <dir>         Folder to write course.schema.json and quiz.schema.json into (default: schemas)

  -h, --help          Show this help
  -v, --version       Show the version

Exit status: 0 on success, 1 when the content has errors (nothing is written), 2 on a usage error.
`;
};

async function main(argv: string[]): Promise<number> {
  // init, preview and verify parse their own flags.
  if (argv[0] === "init") return (await import("./init/command.js")).runInit(argv.slice(1));
  // verify checks its peers itself, once it knows which kinds of package it was given.
  if (argv[0] === "preview" && !argv.includes("--help") && !argv.includes("-h")) {
    // Checked before its modules load: those import the optional packages statically.
    const missing = missingOptionalPackages(argv[0]);
    if (missing) {
      console.error(`error: ${missing}`);
      return 2;
    }
  }
  if (argv[0] === "preview") return (await import("./preview/command.js")).runPreview(argv.slice(1));
  if (argv[0] === "verify") return (await import("./verify/command.js")).runVerify(argv.slice(1));
  if (argv[0] === "translate") return (await import("./translate/command.js")).runTranslate(argv.slice(1));
  const { values, positionals } = parseCommandArgs("", argv, {
    target: { type: "string" },
    content: { type: "string" },
    out: { type: "string" },
    "sco-per-session": { type: "boolean" },
    "au-per-session": { type: "boolean" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "v" },
  });
  if (values.version) {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
    console.log(pkg.version);
    return 0;
  }
  const command = positionals[0];
  if (values.help || !command) {
    console.log(await help());
    return values.help ? 0 : 2;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);

  if (command === "schemas") {
    const out = values.out ?? "schemas";
    fs.mkdirSync(out, { recursive: true });
    const { jsonSchemas } = await import("./content/json-schema.js");
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      fs.writeFileSync(path.join(out, name), JSON.stringify(schema, null, 2) + "\n");
      console.log(`wrote ${path.join(out, name)}`);
    }
    return 0;
  }
  if (command !== "build") throw new UsageError(`unknown command '${command}'`);
  if (!values.target) throw new UsageError("--target is required");
  const [{ standardsNamed }, { build }] = await Promise.all([standards(), import("./build.js")]);
  const selected = standardsNamed(values.target);
  if (typeof selected === "string") throw new UsageError(selected);
  const targets = selected.map((s) => s.id);

  const started = performance.now();
  const reports = await build({
    contentDir: values.content ?? "content",
    outDir: values.out ?? "dist",
    targets,
    scoPerSession: Boolean(values["sco-per-session"] || values["au-per-session"]),
    onStep: (step, detail) => console.log(`${step.padEnd(10)} ${detail}`),
  });
  printTable(reports, values.out ?? "dist");
  console.log(`built ${reports.length} package${reports.length === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms`);
  return 0;
}

function printTable(reports: readonly PackageReport[], out: string): void {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = [
    ["package", "size", "files", "build time"],
    ...reports.flatMap((r) => {
      const zip = [path.join(out, r.file), kb(r.bytes), String(r.entries), `${Math.round(r.ms)} ms`];
      // An unpacked package beside its zip: the same files, their bytes uncompressed.
      return r.folder ? [zip, [path.join(out, r.folder.name) + path.sep, kb(r.folder.bytes), String(r.entries), ""]] : [zip];
    }),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  console.log("");
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ").trimEnd());
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  });
}

/** Last resort: one line an author can act on; the stack only on request, for a bug report. */
function unexpected(err: unknown, debug: boolean): string {
  if (debug) return err instanceof Error ? (err.stack ?? err.message) : String(err);
  const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
  return `error: ${message || "unknown failure"} (unexpected: please report it, with the output of COURSEWRIGHT_DEBUG=1 coursewright …)`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ContentError) {
      console.error(`error: the course has ${err.problems.length} problem${err.problems.length === 1 ? "" : "s"}; nothing was written:\n${err.message}`);
      process.exitCode = 1;
    } else if (err instanceof UsageError) {
      console.error(usageText(err));
      process.exitCode = 2;
    } else if (err instanceof BuildInputError) {
      console.error(`error: ${err.message}; nothing was written`);
      process.exitCode = 1;
    } else {
      console.error(unexpected(err, process.env.COURSEWRIGHT_DEBUG === "1"));
      process.exitCode = 1;
    }
  },
);
