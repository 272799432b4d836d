// `coursewright translate export|import`: flags and output; the work is in translate.ts.
import path from "node:path";
import { parseCommandArgs, UsageError, usageText } from "../command-args.js";
import { formatProblem } from "../content/errors.js";
import { exportCourse, importTranslation, LANGUAGE_TAG, TranslationProblems } from "./translate.js";
import { TranslatedCourseProblems, TranslateRefusal } from "./write-course.js";

export const TRANSLATE_HELP = `Usage: coursewright translate export --to <language> [--content <dir>] [--out <file.xlf>] [--force]
       coursewright translate import <file.xlf> [--content <dir>] [--out <dir>]

export  Writes every text of the course (titles, pages, questions, feedback, alt texts, captions) to an
        XLIFF 1.2 file for a translator's tool, one unit per paragraph or field, with ids from the unit's
        place in the course; the Markdown around the words is kept as inline codes.
        --to <language>     The language to translate into, a tag such as de or fr-CA. Required.
        --out <file.xlf>    Where to write it (default: <slug>.<language>.xlf); never replaced unless --force
import  Writes the translated course as a new folder: a full copy of the course with the texts replaced and
        course.yaml's language set to the file's target language. Refuses units whose source changed since
        the export, and inline codes a translation broke; lists the units left untranslated (kept as they are).
        --out <dir>         A new or empty folder, apart from the course (default: <content>-<language>)

Options:
  --content <dir>     Course folder holding course.yaml (default: content)
  -h, --help          Show this help

Exit status: 0 on success; 1 when the course or the file has problems, or --out cannot be used (nothing is
written); 2 on a usage error.
`;

export function runTranslate(argv: readonly string[]): number {
  try {
    return run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(usageText(err));
      return 2;
    }
    if (err instanceof TranslateRefusal) {
      console.error(`error: ${err.message}; nothing was written`);
      return 1;
    }
    if (err instanceof TranslationProblems) {
      const n = err.problems.length;
      console.error(`error: ${err.file} cannot be imported: ${n} problem${n === 1 ? "" : "s"}; nothing was written:\n${err.problems.map((p) => formatProblem(p)).join("\n")}`);
      return 1;
    }
    if (err instanceof TranslatedCourseProblems) {
      // At their lines in the translated files as written (and removed again); the field names the question or page.
      console.error(`error: ${err.message}, so it was not kept; nothing was written:\n${err.problems.map((p) => formatProblem(p)).join("\n")}`);
      return 1;
    }
    throw err; // ContentError and the unexpected: the command line's own handler says them
  }
}

const usage = (message: string): UsageError => new UsageError(message, "translate");

function run(argv: readonly string[]): number {
  const { values, positionals } = parseCommandArgs("translate", argv, {
    to: { type: "string" },
    content: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const [action, ...rest] = positionals;
  if (values.help) {
    console.log(TRANSLATE_HELP);
    return 0;
  }
  const contentDir = values.content ?? "content";
  if (action === "export") {
    if (rest.length > 0) throw usage(`unexpected argument '${rest[0]}'`);
    if (!values.to) throw usage("--to is required: the language to translate into, e.g. --to de");
    if (!LANGUAGE_TAG.test(values.to)) throw usage(`--to ${values.to} is not a language tag such as de or fr-CA`);
    const r = exportCourse({ contentDir, to: values.to, ...(values.out ? { out: values.out } : {}), force: Boolean(values.force) });
    console.log(`wrote ${r.file}: ${r.units} units, ${r.words.toLocaleString("en")} words from ${r.files} files, ${r.sourceLanguage} → ${values.to} (XLIFF 1.2)`);
    return 0;
  }
  if (action === "import") {
    const [file, extra] = rest;
    if (!file) throw usage("name the XLIFF file to import: coursewright translate import <file.xlf>");
    if (extra) throw usage(`unexpected argument '${extra}'`);
    if (values.to) throw usage("--to is for export; import takes the language from the file's target-language");
    if (values.force) throw usage("--force is for export; import never overwrites: name a new or empty --out folder");
    const r = importTranslation({ file, contentDir, ...(values.out ? { out: values.out } : {}) });
    const where = path.relative(process.cwd(), r.out) || r.out;
    console.log(`wrote ${where}${path.sep}: the course in ${r.language}, ${r.translated} units translated, ${r.untranslated.length} kept in ${r.sourceLanguage}`);
    for (const u of r.untranslated) console.log(`untranslated: ${formatProblem({ file: u.file, line: u.line, message: `unit '${u.id}': ${u.why}; kept in ${r.sourceLanguage}` })}`);
    for (const s of r.skipped) console.log(`not copied: ${s}`);
    return 0;
  }
  throw usage(action ? `unknown translate action '${action}'; expected export or import` : "say export or import: coursewright translate export --to <language>, coursewright translate import <file.xlf>");
}
