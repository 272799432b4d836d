// Parsed YAML is kept by the hash of its text (src/content/yaml-source.ts, in the cache folder of
// src/cache-folder.ts): the next process reads the values and every line back instead of parsing again,
// and reports exactly what a parse would. An entry that is damaged is ignored; a text that is not well-formed,
// or whose values JSON cannot hold, is never kept.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ProblemList } from "../src/content/errors.js";
import type { FieldPath, YamlSource } from "../src/content/yaml-source.js";
import { scratchCacheRoot } from "./helpers/cache-env.js";
import { REPO_ROOT } from "./helpers/content-fixture.js";

const scratch = scratchCacheRoot("cw-yaml-cache-");

let run = 0;
let entries: string;
beforeEach(() => {
  const root = scratch.dir(`run-${++run}`);
  process.env.COURSEWRIGHT_CACHE_DIR = path.join(root, "cache");
  entries = path.join(root, "cache", "yaml");
});

/** parseYaml of a module instance of its own: a new process, as far as the in-process memo goes. */
async function freshParse(): Promise<(text: string, firstLine?: number) => { source?: YamlSource; problems: ProblemList }> {
  vi.resetModules();
  const { parseYaml } = await import("../src/content/yaml-source.js");
  return (text, firstLine = 1) => {
    const problems = new ProblemList();
    return { source: parseYaml(text, "f.yaml", problems, firstLine), problems };
  };
}

/** Every path in `data`, with the line of its value and of its key, as `source` reports them. */
function lines(source: YamlSource): string[] {
  const out: string[] = [];
  const walk = (value: unknown, p: FieldPath): void => {
    out.push(`${p.join(".")}: ${source.lineOf(p)} ${source.keyLineOf(p)}`);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...p, i]));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...p, k]);
  };
  walk(source.data, []);
  // Paths that are not there: the nearest ancestor's line.
  out.push(`missing: ${source.lineOf(["questions", 99, "nothing"])} ${source.keyLineOf(["nothing"])}`);
  return out;
}

const courseYaml = (): string[] =>
  ["course.yaml", "assessment.yaml", ...fs.readdirSync(path.join(REPO_ROOT, "content", "checks")).map((f) => path.join("checks", f))].map((f) =>
    fs.readFileSync(path.join(REPO_ROOT, "content", f), "utf8"),
  );

describe("parsed YAML kept between processes", () => {
  it("the next process reads values and lines back from the cache, the same as a parse gives them", async () => {
    const texts = courseYaml();
    const first = await freshParse();
    const parsed = texts.map((t) => first(t, 3).source!);
    expect(fs.readdirSync(entries)).toHaveLength(texts.length);

    const second = await freshParse();
    for (const [i, text] of texts.entries()) {
      const again = second(text, 3).source!;
      expect(again.data).toEqual(parsed[i]!.data);
      expect(lines(again)).toEqual(lines(parsed[i]!));
    }
    // What the second read came from the entries: one changed on disk is what it reports.
    const [entry] = fs.readdirSync(entries).map((f) => path.join(entries, f));
    const kept = JSON.parse(fs.readFileSync(entry!, "utf8")) as { json: string; lines: Record<string, number>; keyLines: Record<string, number> };
    kept.lines[""] = 1000;
    fs.writeFileSync(entry!, JSON.stringify(kept));
    const third = await freshParse();
    expect(texts.map((t) => third(t).source!.lineOf([]))).toContain(1000);
  });

  it("each caller gets values of its own", async () => {
    const parse = await freshParse();
    const text = "questions:\n  - id: a\n";
    const a = parse(text).source!.data as { questions: { id: string }[] };
    a.questions[0]!.id = "changed";
    expect(parse(text).source!.data).toEqual({ questions: [{ id: "a" }] });
    expect((await freshParse())(text).source!.data).toEqual({ questions: [{ id: "a" }] });
  });

  it("a damaged entry is ignored: the text is parsed again and the entry replaced", async () => {
    const text = "title: A\nitems:\n  - one\n  - two\n";
    await freshParse().then((p) => p(text));
    const [entry] = fs.readdirSync(entries).map((f) => path.join(entries, f));
    for (const damage of ["{not json", JSON.stringify({ json: "{}", lines: { "": "x" }, keyLines: {} }), ""]) {
      fs.writeFileSync(entry!, damage);
      const { source } = (await freshParse())(text);
      expect(source?.data).toEqual({ title: "A", items: ["one", "two"] });
      expect(source?.lineOf(["items", 1])).toBe(4);
      expect(source?.keyLineOf(["items"])).toBe(2);
    }
  });

  it("keeps nothing for a text with a problem, or one whose values JSON would change; nothing at all when off", async () => {
    const parse = await freshParse();
    const bad = parse("title: 'open\n");
    expect(bad.source).toBeUndefined();
    expect(bad.problems.items.map((p) => p.line)).toEqual([1]);
    expect(parse('title: "\\x01"\n').source).toBeUndefined();
    const infinite = parse("points: .inf\n");
    expect(infinite.source?.data).toEqual({ points: Infinity });
    expect(fs.existsSync(entries)).toBe(false);
    // …and the same problem at the same line from a new process (nothing was kept to answer otherwise).
    expect((await freshParse())("title: 'open\n").problems.items.map((p) => p.line)).toEqual([1]);

    process.env.COURSEWRIGHT_CACHE_DIR = "off";
    (await freshParse())("title: kept nowhere\n");
    expect(fs.existsSync(entries)).toBe(false);
  });
});

describe("the cache folder's size", () => {
  it("past CACHE_ENTRIES_MAX entries the older half goes, the newest stay", async () => {
    const { CACHE_ENTRIES_MAX, writeCached } = await import("../src/cache-folder.js");
    fs.mkdirSync(entries, { recursive: true });
    for (let i = 0; i < CACHE_ENTRIES_MAX; i++) {
      const file = path.join(entries, `old-${i}.json`);
      fs.writeFileSync(file, "{}");
      fs.utimesSync(file, 1_000 + i, 1_000 + i);
    }
    writeCached("yaml", "newest", "{}");
    const left = fs.readdirSync(entries);
    expect(left).toHaveLength(CACHE_ENTRIES_MAX / 2);
    expect(left).toContain("newest.json");
    expect(left).toContain(`old-${CACHE_ENTRIES_MAX - 1}.json`);
    expect(left).not.toContain("old-0.json");
  });
});
