// `coursewright init [folder] [--force]`: flags and output; the work is in init-course.ts.
import path from "node:path";
import { parseCommandArgs, UsageError, usageText } from "../command-args.js";
import { initCourse, InitRefusal } from "./init-course.js";
import { CONTENT_FOLDER, SCRIPTS } from "./scaffold-files.js";

export const INIT_HELP = `Usage: coursewright init [folder] [--force]

Creates a course that builds at once, in the folder (created if needed; default: the current folder):
  ${CONTENT_FOLDER}/course.yaml         every setting, each explained in a comment
  ${CONTENT_FOLDER}/sessions/*.md       two sessions of pages, with an image and its text alternative
  ${CONTENT_FOLDER}/checks/*.yaml       a knowledge check with one question of every type
  ${CONTENT_FOLDER}/assessment.yaml     a final assessment
  schemas/*.json               JSON Schemas the YAML files point at, for editor autocompletion
  package.json                 scripts ${Object.keys(SCRIPTS).join(", ")}
  .gitignore, README.md

Options:
  --force       Overwrite files of the same names (other files in the folder are never touched)

A package.json the folder has already (e.g. after npm i -D coursewright) is kept: init adds the scripts
and the coursewright dev dependency it lacks. A script of the same name that runs something else stops
init, unless --force replaces that script. An existing .gitignore gets the patterns it lacks.
  -h, --help    Show this help

Exit status: 0 on success; 1 when a file it would write exists (nothing is written); 2 on a usage error.
`;

export function runInit(argv: readonly string[]): number {
  let values, positionals;
  try {
    ({ values, positionals } = parseCommandArgs("init", argv, { force: { type: "boolean" }, help: { type: "boolean", short: "h" } }));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return usage(err.message);
  }
  if (values.help) {
    console.log(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1) return usage(`unexpected argument '${positionals[1]}'`);
  const dir = positionals[0] ?? ".";
  let result;
  try {
    result = initCourse(dir, { force: Boolean(values.force) });
  } catch (err) {
    if (!(err instanceof InitRefusal)) throw err;
    console.error(`error: ${err.message}`);
    return 1;
  }
  const here = result.dir === path.resolve(".");
  console.log(`Created the course '${result.slug}' in ${here ? "this folder" : dir}:`);
  for (const f of result.files) {
    const note = result.notes.get(f);
    console.log(`  ${f}${note ? `  (${note})` : ""}`);
  }
  console.log("\nNext:");
  // A folder name with spaces or quotes still pastes into a POSIX shell as one argument.
  if (!here) console.log(`  cd ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replaceAll("'", "'\\''")}'`}`);
  console.log("  npm install\n  npm run build       # packages in dist/\n  npm run preview     # the course as a learner sees it");
  return 0;
}

function usage(message: string): number {
  console.error(usageText(new UsageError(message, "init")));
  return 2;
}
