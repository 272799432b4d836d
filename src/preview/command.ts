// `coursewright preview`: flags, output and signals; the server itself is in preview.ts.
import path from "node:path";
import { parseCommandArgs, UsageError, usageText } from "../command-args.js";
import { ContentError } from "../content/errors.js";
import type { Standard } from "../standards/standard.js";
import { standardsNamed } from "../standards/target-names.js";
import { previewStandards, startPreview, type Preview } from "./preview.js";

const nameOf = (s: Standard): string => (s.aliases.length ? `${s.id} (or ${s.aliases.join(", ")})` : s.id);

const help = (): string => `Usage: coursewright preview [options]

Builds the course and serves it on 127.0.0.1 as a learner sees it in an LMS, beside a tracking panel
(what the content sent to the LMS or LRS, newest first, and what it holds: e.g. every SCORM call and the CMI
data with the size of suspend_data against its limit, or every xAPI statement and the state document). Rebuilds and reloads the page when the content or the
templates change, keeping the learner's attempt. The attempt is kept on disk, so closing the tab or
restarting preview resumes it; "New attempt" in the page starts over.

Options:
  --target <name>     ${previewStandards()
    .map((s, i) => `${nameOf(s)}${i === 0 ? " (default)" : ""}: ${s.simulation?.lms ?? ""}`)
    .join("; ")}
  --content <dir>     Course folder holding course.yaml (default: content)
  --port <n>          Port on 127.0.0.1 (default: 0, any free port)
  --sco-per-session   One launchable unit per session plus one for the final assessment (${previewStandards()
    .filter((s) => s.packager.supportsUnits)
    .map((s) => s.id)
    .join(", ")})
  --state-dir <dir>   Where the attempt, the LRS database and the builds are kept (default: .coursewright)
  -h, --help          Show this help

Stop with Ctrl-C. Exit status: 0 after Ctrl-C, 1 when the course does not build at start, 2 on a usage error.
`;


interface PreviewArgs {
  readonly target: Standard;
  readonly contentDir: string;
  readonly port: number;
  readonly scoPerSession: boolean;
  readonly stateDir: string;
}

const usage = (message: string): UsageError => new UsageError(message, "preview");

function parse(argv: readonly string[]): PreviewArgs | "help" {
  const { values } = parseCommandArgs(
    "preview",
    argv,
    {
      target: { type: "string" },
      content: { type: "string" },
      port: { type: "string" },
      "sco-per-session": { type: "boolean" },
      "state-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    false,
  );
  if (values.help) return "help";
  const playable = previewStandards();
  const named = values.target === undefined ? playable.slice(0, 1) : standardsNamed(values.target, false);
  if (typeof named === "string") throw usage(named);
  const target = named[0];
  if (!target) throw usage("no standard can be previewed");
  if (!target.simulation) throw usage(`preview cannot play ${target.title} packages yet; it plays ${playable.map((s) => s.id).join(", ")}`);
  const portText = values.port ?? "0";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw usage(`--port must be a number from 0 to 65535, not '${portText}'`);
  if (values["sco-per-session"] && !target.packager.supportsUnits) throw usage(`--sco-per-session does not apply to ${target.id}: a ${target.title} package is one launchable unit`);
  return {
    target,
    contentDir: values.content ?? "content",
    port,
    scoPerSession: Boolean(values["sco-per-session"]),
    stateDir: values["state-dir"] ?? ".coursewright",
  };
}

export async function runPreview(argv: readonly string[]): Promise<number> {
  let args: PreviewArgs | "help";
  try {
    args = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(usageText(err));
    return 2;
  }
  if (args === "help") {
    console.log(help());
    return 0;
  }

  // Listen for Ctrl-C from the start: a signal during the first build stops as soon as it is done.
  let stop = (): void => {};
  const stopRequested = new Promise<void>((resolve) => {
    stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
  });
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  let preview: Preview;
  try {
    preview = await startPreview({
      target: args.target,
      contentDir: args.contentDir,
      stateDir: args.stateDir,
      port: args.port,
      scoPerSession: args.scoPerSession,
      log: (line) => console.log(line),
      error: (line) => console.error(line),
    });
  } catch (err) {
    stop(); // removes the signal listeners
    if (err instanceof ContentError) {
      const n = err.problems.length;
      console.error(`error: the course has ${n} problem${n === 1 ? "" : "s"}; fix ${n === 1 ? "it" : "them"} and start preview again:\n${err.message}`);
    } else {
      console.error(`error: preview could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 1;
  }

  const rel = (p: string): string => path.relative(process.cwd(), p) || ".";
  console.log(`Preview: ${preview.url}`);
  console.log(`Open it in a browser. Watching ${rel(path.resolve(args.contentDir))}/ and the templates; the attempt is kept in ${args.target.simulation?.attemptKeptIn ?? rel(preview.attemptFile)}. Ctrl-C stops.`);

  await stopRequested;
  console.log("stopping preview…");
  await preview.close();
  return 0;
}
