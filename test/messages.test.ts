// The runtime's words live in the page's runtime data, not in the bundle: every key the browser code names
// is in the table its standard's pages carry, no sentence of a table is left in a bundle, tables' keys do
// not collide, and a built page carries its standard's words.
import fs from "node:fs";
import path from "node:path";
import type { BuildOptions, Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { planUnits } from "../src/model/units.js";
import { BUILTIN_TEMPLATES, RUNTIME_BUNDLE_OPTIONS, STANDARDS_SRC } from "../src/paths.js";
import { MESSAGES } from "../src/render/messages.js";
import { renderUnit } from "../src/render/render-unit.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { loadTemplates } from "../src/render/templates.js";
import { bundleRuntime } from "../src/runtime/bundle.js";
import { RUNTIME_FEATURES } from "../src/runtime/features.js";
import { say } from "../src/runtime/core/messages.js";
import { STANDARDS } from "../src/standards/registry.js";
import { REPO_ROOT } from "./helpers/content-fixture.js";

const course = loadCourse("content");

/** The bundle's own source files (esbuild's metafile), as the runtime is built, with every optional feature's. */
async function bundleSources(id: string): Promise<string[]> {
  const esbuild = await import("esbuild");
  // Its own option (scripts/runtime-minify.mjs) is not esbuild's; the sources are what this needs.
  const { internalProps: _, ...options } = JSON.parse(fs.readFileSync(RUNTIME_BUNDLE_OPTIONS, "utf8")) as BuildOptions & { internalProps?: string[] };
  const features = RUNTIME_FEATURES.map((f) => path.join(REPO_ROOT, "src", "runtime", "features", `${f.id}.ts`));
  const entryPoints = [path.join(STANDARDS_SRC, id, "runtime", "entry.ts"), ...features];
  const result = await esbuild.build({ ...options, entryPoints, outdir: "out", write: false, metafile: true });
  const meta: Metafile = result.metafile;
  return Object.keys(meta.inputs)
    .filter((f) => f.startsWith("src/") && f.endsWith(".ts"))
    .map((f) => path.join(REPO_ROOT, f));
}

/**
 * The keys a source names: the literals among the arguments of every `say(words, …)` (a key, or keys
 * chosen by a condition, not the values a condition compares with) and of a tracker's `problem("key", …)`
 * (the SCORM writers' and the statement queue's problems, worded by the tracker).
 */
function keysUsed(source: string): string[] {
  return [...source.matchAll(/\b(say|problem)\(([^)]*)/g)].flatMap(([, fn, args = ""]) => {
    const keys = fn === "say" ? args.slice(args.indexOf(",") + 1) : args;
    return [...keys.matchAll(/(?<!===?\s*)"(\w+)"/g)].map((m) => m[1]!);
  });
}

describe.each(STANDARDS.map((s) => [s.id, s] as const))("%s runtime words", (id, standard) => {
  const table = { ...MESSAGES, ...standard.packager.messages };

  it("every key its runtime code names is in the table its pages carry, and every entry is named", async () => {
    const sources = (await bundleSources(id)).map((f) => fs.readFileSync(f, "utf8"));
    const used = new Set(sources.flatMap(keysUsed));
    expect(used.size, "keys found in the sources").toBeGreaterThan(20);
    expect([...used].filter((k) => !(k in table))).toEqual([]);
    // An entry no source names is a word the learner never sees (or a key spelt differently in the code).
    const all = sources.join("\n");
    expect(Object.keys(table).filter((k) => !all.includes(`"${k}"`))).toEqual([]);
  });

  it("no sentence of the table is left in the bundle", async () => {
    const bundle = await bundleRuntime(id, RUNTIME_FEATURES.map((f) => f.id));
    const fragments = Object.values(table).flatMap((text) => text.split(/\{\d\}/)).filter((f) => f.trim().length > 15);
    expect(fragments.length).toBeGreaterThan(10);
    expect(fragments.filter((f) => bundle.includes(f))).toEqual([]);
  });

  it("a unit's page carries the neutral words and its standard's own", () => {
    const unit = planUnits(course, false)[0]!;
    const html = renderUnit(course, unit, loadTemplates(BUILTIN_TEMPLATES, path.join(course.contentDir, "templates")), standard.packager);
    const json = /<script type="application\/json" id="cw-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const data = JSON.parse(json) as { messages: Record<string, string> };
    expect(data.messages).toEqual(table);
    expect(Object.keys(standard.packager.messages ?? {}).length).toBeGreaterThan(3);
  });
});

describe("message tables", () => {
  it("a standard's keys are prefixed and never collide with the neutral ones", () => {
    for (const s of STANDARDS) {
      const own = Object.keys(s.packager.messages ?? {});
      expect(own.filter((k) => k in MESSAGES), s.id).toEqual([]);
      expect(own.filter((k) => !/^(lms|lrs|web)[A-Z]/.test(k)), s.id).toEqual([]);
    }
  });

  it("say fills the placeholders; an unknown key shows as itself", () => {
    const data = runtimeCourse(course, planUnits(course, false)[0]!);
    expect(say(data, "attemptsLeftOther", 2)).toBe("You have 2 attempts left.");
    expect(say(data, "movedTo", "Hope", 1, 6)).toBe("Hope: position 1 of 6.");
    expect(say({ messages: { x: "{1} before {0}" } }, "x", "a", "b")).toBe("b before a");
    expect(say(data, "noSuchKey")).toBe("noSuchKey");
  });
});
