// Handlebars templates: the built-in set in templates/, any file of which a course may replace by
// putting a file of the same name under content/templates/. Every template is checked when loaded
// (syntax, unknown helpers, partials that do not exist) and rendering errors name the template, so an
// author never sees a Handlebars stack trace.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { containedPath, COURSE_FOLDER } from "../content/contain-path.js";
import { ContentError, ProblemList } from "../content/errors.js";
import { readLocale, SOURCE_LOCALE } from "../content/locales.js";
import { decodeText } from "../content/read-text.js";
import { didYouMean, nearestName } from "../content/suggest.js";
import { cachedTemplate, KNOWN_HELPERS, storeTemplate, templateKey, templateOf, templateOrUndefined } from "./template-cache.js";
import { precompileTemplate } from "./template-precompile.js";
import { Words, type Arg, type Markup } from "./words.js";
import { TextMemo } from "../text-memo.js";

export interface TemplateSet {
  renderLayout(view: object): string;
  /** Static files (CSS) from templates/assets/, overrides applied: package path → content. */
  readonly assets: ReadonlyMap<string, Buffer>;
  /** Every template file used, for watch mode and cache keys. */
  readonly files: readonly string[];
}

/** Partials nest a handful deep; far more means one includes itself without end. */
const MAX_PARTIAL_DEPTH = 64;

interface Listed {
  readonly files: Map<string, string>;
  readonly folders: Set<string>;
}

/** Every file under `dir` (links followed, but only inside `root`), by its path relative to `dir`. */
function listFiles(dir: string, root: string, rootName: string, problems: ProblemList): Listed {
  const listed: Listed = { files: new Map(), folders: new Set() };
  const visited = new Set<string>();
  const walk = (sub: string): void => {
    const here = path.join(dir, sub);
    const where = containedPath(here, root, rootName);
    if (!where.ok) {
      if (sub !== "" || where.why !== "not found") problems.add(here, 0, where.why);
      return;
    }
    if (!where.isDirectory || visited.has(where.real)) return; // a link back up would loop
    visited.add(where.real);
    for (const name of fs.readdirSync(here).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const entry = containedPath(path.join(here, name), root, rootName);
      if (!entry.ok) problems.add(path.join(here, name), 0, entry.why);
      else if (entry.isDirectory) {
        listed.folders.add(rel);
        walk(rel);
      } else listed.files.set(rel, path.join(here, name));
    }
  };
  walk("");
  return listed;
}

export function loadTemplates(builtinDir: string, overrideDir?: string, courseDir = overrideDir ? path.dirname(overrideDir) : undefined): TemplateSet {
  const problems = new ProblemList();
  const builtin = listFiles(builtinDir, builtinDir, "the built-in templates folder", problems);
  const chosen = new Map(builtin.files);
  if (overrideDir && courseDir) {
    const override = listFiles(overrideDir, courseDir, COURSE_FOLDER, problems);
    for (const [rel, file] of override.files) {
      if (builtin.folders.has(rel)) problems.add(file, 0, `is a file, but templates/${rel} is a folder: put the files that replace its contents in a folder of that name`);
      else chosen.set(rel, file);
    }
    for (const rel of override.folders) {
      if (builtin.files.has(rel)) problems.add(path.join(overrideDir, rel), 0, `is a folder, but it would replace the file templates/${rel}: a template override must be a file`);
    }
  }
  problems.throwIfAny();
  // The same files with the same bytes give the same set: a long-lived process (preview's watch mode) keeps it.
  // Each file is read once, here: its bytes make the key and are what the set is compiled from.
  const bytes = new Map<string, Buffer>();
  const signature = crypto.createHash("sha256");
  for (const [rel, file] of [...chosen].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      bytes.set(file, fs.readFileSync(file));
    } catch (err) {
      problems.add(file, 0, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      continue;
    }
    signature.update(`${rel}\0${file}\0`).update(bytes.get(file)!).update("\0");
  }
  problems.throwIfAny();
  return loadedSets.get(signature.digest("hex"), () => compileSet(builtinDir, chosen, bytes, problems));
}

const loadedSets = new TextMemo<TemplateSet>(8);

function compileSet(builtinDir: string, chosen: ReadonlyMap<string, string>, bytes: ReadonlyMap<string, Buffer>, problems: ProblemList): TemplateSet {
  const hbs = Handlebars.create();
  const strings = readLocale(SOURCE_LOCALE);
  hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hbs.registerHelper("json", (value: unknown) => new hbs.SafeString(scriptJson(value)));
  hbs.registerHelper("t", (key: unknown, ...rest: unknown[]) => {
    const options = rest.pop() as Handlebars.HelperOptions;
    const words: unknown = (options.data as { root?: { words?: unknown } } | undefined)?.root?.words;
    if (!(words instanceof Words)) throw new Error("the t helper needs the page's words (render/view-model.ts)");
    return new hbs.SafeString(words.html(String(key), ...rest.map(helperArg)));
  });
  hbs.registerHelper("slot", (name: unknown) => new hbs.SafeString(`<span data-cw="${hbs.escapeExpression(String(name))}"></span>`));

  /** Partials each template includes by name, with the line, to check they exist. */
  const includes = new Map<string, readonly { readonly name: string; readonly line: number }[]>();
  const compile = (file: string): HandlebarsTemplateDelegate | undefined => {
    const read = decodeText(bytes.get(file) ?? Buffer.alloc(0), file);
    if (!read.ok) {
      problems.addProblem(read.problem);
      return undefined;
    }
    try {
      // Compiled before (same text, same Handlebars), or compiled now and kept for the next build.
      let compiled = cachedTemplate(templateKey(read.text));
      // An entry whose code does not evaluate is as good as none.
      let template = compiled && templateOrUndefined(hbs, compiled);
      if (!compiled || !template) {
        compiled = precompileTemplate(read.text);
        storeTemplate(compiled);
        template = templateOf(hbs, compiled);
      }
      includes.set(file, compiled.partials);
      for (const { key, line } of compiled.strings) {
        if (!(key in strings)) problems.add(file, line, `template error: unknown string '${key}'${didYouMean(nearestName(key, Object.keys(strings)))}; the strings are the keys of locales/${SOURCE_LOCALE}.yaml`);
      }
      return template;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
      const line = (err as { lineNumber?: unknown }).lineNumber;
      const unknownHelper = /unknown helper (\S+)/.exec(message)?.[1];
      problems.add(
        file,
        typeof line === "number" ? line : Number(/line (\d+)/.exec(message)?.[1] ?? 1),
        unknownHelper
          ? `template error: unknown helper '${unknownHelper}'; the helpers are: ${Object.keys(KNOWN_HELPERS).join(", ")} and Handlebars' own (if, unless, each, with, lookup)`
          : `template error: ${message.replace(/ - \d+:\d+$/, "")}`,
      );
      return undefined;
    }
  };

  // Which template is rendering, innermost last: names the file when rendering fails.
  const stack: { name: string; file: string }[] = [];
  let layout: HandlebarsTemplateDelegate | undefined;
  let layoutFile = path.join(builtinDir, "layout.hbs");
  const assets = new Map<string, Buffer>();
  const partials = new Map<string, string>();
  for (const [rel, file] of [...chosen].sort(([a], [b]) => a.localeCompare(b))) {
    if (rel === "layout.hbs") {
      layout = compile(file);
      layoutFile = file;
    } else if (rel.startsWith("partials/") && rel.endsWith(".hbs")) {
      const name = rel.slice("partials/".length, -".hbs".length);
      const template = compile(file);
      partials.set(name, file);
      if (template) hbs.registerPartial(name, guardedPartial(name, file, template, stack, includes));
    } else if (rel.startsWith("assets/")) assets.set(rel, bytes.get(file) ?? Buffer.alloc(0));
  }
  for (const [file, names] of includes) {
    for (const { name, line } of names) {
      if (!partials.has(name)) problems.add(file, line, `template error: partial '${name}' not found (no partials/${name}.hbs in templates/ or the course's templates/)`);
    }
  }
  if (!chosen.has("layout.hbs")) problems.add(layoutFile, 0, "no layout.hbs template");
  problems.throwIfAny();
  const main = layout;
  if (!main) throw new Error("unreachable: no layout without a problem");
  return {
    renderLayout: (view) => {
      stack.length = 0;
      stack.push({ name: "layout", file: layoutFile });
      try {
        return main(view);
      } catch (err) {
        throw renderError(err, stack);
      }
    },
    assets,
    files: [...chosen.values()].sort(),
  };
}

/** A partial that records itself on `stack` while it renders, and stops a partial that includes itself without end. */
function guardedPartial(
  name: string,
  file: string,
  template: HandlebarsTemplateDelegate,
  stack: { name: string; file: string }[],
  includes: ReadonlyMap<string, readonly { name: string; line: number }[]>,
): HandlebarsTemplateDelegate {
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    if (stack.length >= MAX_PARTIAL_DEPTH) {
      const chain = stack.map((s) => s.name);
      const self = chain.lastIndexOf(name);
      const loop = self >= 0 ? [...chain.slice(self), name] : chain.slice(-4);
      const parent = stack[stack.length - 1];
      const line = parent ? (includes.get(parent.file)?.find((i) => i.name === name)?.line ?? 0) : 0;
      throw new ContentError([
        { file: parent?.file ?? file, line, message: `template error: partial '${name}' includes itself (${loop.join(" → ")}) without end; remove the {{> ${name}}} from it` },
      ]);
    }
    stack.push({ name, file });
    try {
      return template(context, options);
    } finally {
      stack.pop();
    }
  };
}

function renderError(err: unknown, stack: readonly { name: string; file: string }[]): ContentError {
  if (err instanceof ContentError) return err;
  const where = stack[stack.length - 1];
  const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
  const line = (err as { lineNumber?: unknown }).lineNumber;
  const text = err instanceof RangeError ? "templates include each other too deeply (maximum call stack exceeded)" : message;
  return new ContentError([{ file: where?.file ?? "layout.hbs", line: typeof line === "number" ? line : 0, message: `template error while rendering: ${text}` }]);
}

/** A helper's argument as words.html takes it: a number, text, or markup (a SafeString, e.g. from `slot`). */
function helperArg(value: unknown): Arg {
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "object" && value !== null && typeof (value as { toHTML?: unknown }).toHTML === "function") return value as Markup;
  return value === undefined || value === null ? "" : String(value);
}

/** JSON safe inside <script type="application/json">: no `</script>` or comment openers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
