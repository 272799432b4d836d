// Handlebars templates: the built-in set in templates/, any file of which a course may replace by
// putting a file of the same name under content/templates/.
import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { ContentError } from "../content/errors.js";

export interface TemplateSet {
  renderLayout(view: object): string;
  /** Static files (CSS) from templates/assets/, overrides applied: package path → content. */
  readonly assets: ReadonlyMap<string, Buffer>;
  /** Every template file used, for watch mode and cache keys. */
  readonly files: readonly string[];
}

function listFiles(dir: string, sub = ""): string[] {
  const here = path.join(dir, sub);
  if (!fs.existsSync(here)) return [];
  return fs.readdirSync(here, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(sub, e.name);
    return e.isDirectory() ? listFiles(dir, rel) : [rel.split(path.sep).join("/")];
  });
}

export function loadTemplates(builtinDir: string, overrideDir?: string): TemplateSet {
  const chosen = new Map<string, string>();
  for (const rel of listFiles(builtinDir)) chosen.set(rel, path.join(builtinDir, rel));
  if (overrideDir) for (const rel of listFiles(overrideDir)) chosen.set(rel, path.join(overrideDir, rel));

  const hbs = Handlebars.create();
  hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hbs.registerHelper("json", (value: unknown) => new hbs.SafeString(scriptJson(value)));

  const compile = (file: string): HandlebarsTemplateDelegate => {
    const source = fs.readFileSync(file, "utf8");
    try {
      hbs.parse(source); // compile() defers syntax errors to first use; parse now to name the file
      return hbs.compile(source);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
      throw new ContentError([{ file, line, message: `template error: ${message.split("\n")[0]}` }]);
    }
  };

  let layout: HandlebarsTemplateDelegate | undefined;
  const assets = new Map<string, Buffer>();
  for (const [rel, file] of [...chosen].sort(([a], [b]) => a.localeCompare(b))) {
    if (rel === "layout.hbs") layout = compile(file);
    else if (rel.startsWith("partials/") && rel.endsWith(".hbs")) {
      hbs.registerPartial(rel.slice("partials/".length, -".hbs".length), compile(file));
    } else if (rel.startsWith("assets/")) assets.set(rel, fs.readFileSync(file));
  }
  if (!layout) throw new ContentError([{ file: path.join(builtinDir, "layout.hbs"), line: 1, message: "no layout.hbs template" }]);
  const main = layout;
  return {
    renderLayout: (view) => main(view),
    assets,
    files: [...chosen.values()].sort(),
  };
}

/** JSON safe inside <script type="application/json">: no `</script>` or comment openers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
