// Compiled templates are kept by the hash of their text (src/render/template-cache.ts): an author's edited
// template is compiled again, never served from the cache stale, and a cache entry that is corrupt is
// ignored (compiled again and replaced), never an error and never wrong output.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { templateKey } from "../src/render/template-cache.js";
import { precompileTemplate } from "../src/render/template-precompile.js";
import { loadTemplates } from "../src/render/templates.js";
import { scratchCacheRoot } from "./helpers/cache-env.js";

// Taken before this process compiles any template: the CLI looks templates up before it compiles one.
const keyBeforeAnyCompile = templateKey("<p>{{name}}</p>");
const scratch = scratchCacheRoot("cw-template-cache-");

let run = 0;
let builtin: string;
let course: string;
let entries: string;
beforeEach(() => {
  const root = scratch.dir(`run-${++run}`);
  // A small built-in set of its own: a layout that includes a partial the course replaces.
  builtin = path.join(root, "builtin");
  write(path.join(builtin, "layout.hbs"), "<main>{{> greeting}}</main>");
  write(path.join(builtin, "partials", "greeting.hbs"), "<p>built-in {{name}}</p>");
  course = path.join(root, "course");
  process.env.COURSEWRIGHT_CACHE_DIR = path.join(root, "cache");
  entries = path.join(root, "cache", "templates");
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
const override = (text: string): void => write(path.join(course, "templates", "partials", "greeting.hbs"), text);
const render = (): string => loadTemplates(builtin, path.join(course, "templates"), course).renderLayout({ name: "Ada" });
const entryOf = (text: string): string => path.join(entries, `${templateKey(text)}.json`);

describe("template cache", () => {
  it("gives a text the same key before and after compiling (Handlebars writes into the options it is given)", () => {
    const compiled = precompileTemplate("<p>{{name}}</p>");
    expect(compiled.key).toBe(keyBeforeAnyCompile);
    expect(templateKey("<p>{{name}}</p>")).toBe(keyBeforeAnyCompile);
  });

  it("keeps each compiled template under the hash of its text, and a second load uses it", () => {
    const text = "<p>first {{name}}</p>";
    override(text);
    expect(render()).toBe("<main><p>first Ada</p></main>");
    const entry = JSON.parse(fs.readFileSync(entryOf(text), "utf8")) as { key: string; spec: string };
    expect(entry.key).toBe(templateKey(text));
    // The next load takes the compiled form from the cache: an entry planted under that key is what renders.
    // (Another file beside it makes it another set of templates: the same set is kept whole in the process, below.)
    fs.writeFileSync(entryOf(text), JSON.stringify({ ...entry, spec: entry.spec.replace("first ", "from the cache ") }));
    write(path.join(course, "templates", "partials", "unused.hbs"), "<p>unused</p>");
    expect(render()).toBe("<main><p>from the cache Ada</p></main>");
  });

  it("keeps a loaded set whole in the process while its files and their bytes stay the same", () => {
    override("<p>kept {{name}}</p>");
    const first = loadTemplates(builtin, path.join(course, "templates"), course);
    expect(loadTemplates(builtin, path.join(course, "templates"), course)).toBe(first);
    override("<p>kept, edited {{name}}</p>");
    const edited = loadTemplates(builtin, path.join(course, "templates"), course);
    expect(edited).not.toBe(first);
    expect(edited.renderLayout({ name: "Ada" })).toBe("<main><p>kept, edited Ada</p></main>");
    // Same bytes again, even at a new modification time: the set kept for them.
    override("<p>kept {{name}}</p>");
    expect(loadTemplates(builtin, path.join(course, "templates"), course)).toBe(first);
  });

  it("compiles an author's changed template again instead of using the cached one", () => {
    override("<p>first {{name}}</p>");
    expect(render()).toBe("<main><p>first Ada</p></main>");
    override("<p>second {{name}}</p>");
    expect(render()).toBe("<main><p>second Ada</p></main>");
    // Back to the first text: its own entry, which is still right.
    override("<p>first {{name}}</p>");
    expect(render()).toBe("<main><p>first Ada</p></main>");
    expect(fs.readdirSync(entries).filter((f) => f.endsWith(".json")).length).toBe(3); // layout, first, second
  });

  it.each([
    ["not JSON", "{ truncated"],
    ["JSON of another shape", JSON.stringify({ hello: "world" })],
    ["code that does not evaluate", (key: string) => JSON.stringify({ key, spec: "{ main: function( }", partials: [], strings: [] })],
    ["an entry filed under the wrong key", JSON.stringify({ key: "0".repeat(64), spec: '{"main":function(){return "stale"},"useData":true}', partials: [], strings: [] })],
  ])("ignores a corrupt cache entry (%s), compiles the template and replaces the entry", (_what, corrupt) => {
    const text = "<p>fresh {{name}}</p>";
    override(text);
    fs.mkdirSync(entries, { recursive: true });
    fs.writeFileSync(entryOf(text), typeof corrupt === "string" ? corrupt : corrupt(templateKey(text)));
    expect(render()).toBe("<main><p>fresh Ada</p></main>");
    const entry = JSON.parse(fs.readFileSync(entryOf(text), "utf8")) as { key: string };
    expect(entry.key).toBe(templateKey(text));
  });

  it("never caches a template that does not compile: the error names its file and line every time", () => {
    override("<p>\n{{#each items}}</p>");
    for (let i = 0; i < 2; i++) expect(render).toThrow(/greeting\.hbs:2: template error/);
    expect(fs.existsSync(entries) ? fs.readdirSync(entries).filter((f) => f.endsWith(".json") && fs.readFileSync(path.join(entries, f), "utf8").includes("items")) : []).toEqual([]);
  });

  it("works without a cache folder (COURSEWRIGHT_CACHE_DIR=off)", () => {
    process.env.COURSEWRIGHT_CACHE_DIR = "off";
    override("<p>uncached {{name}}</p>");
    expect(render()).toBe("<main><p>uncached Ada</p></main>");
    expect(fs.existsSync(entries)).toBe(false);
  });
});
