// A standard is one module: everything one standard knows lives in src/standards/<id>/, listed once in the
// registry. These checks read the sources, so a change that lets a standard leak into the neutral layers or
// into another standard's folder fails here, not in an LMS.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STANDARDS } from "../src/standards/registry.js";

const SRC = path.resolve("src");
const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const sources = walk(SRC)
  .filter((f) => /\.(ts|json|xsd)$/.test(f))
  .map((f) => ({ file: path.relative(SRC, f).split(path.sep).join("/"), text: fs.readFileSync(f, "utf8") }));
const REGISTRY = "standards/registry.ts";

/** Lines of a source that name the standard's id as a word (`scorm12`, not "SCORM 1.2" prose). */
function mentions(text: string, id: string): string[] {
  const word = new RegExp(`(^|[^A-Za-z0-9_])${id}([^A-Za-z0-9_]|$)`, "i");
  return text.split("\n").filter((line) => word.test(line));
}

describe("each standard is one folder plus one registry line", () => {
  for (const standard of STANDARDS) {
    it(`${standard.id}: no source outside src/standards/${standard.id}/ names it, except its registry line`, () => {
      const outside = sources
        .filter((s) => !s.file.startsWith(`standards/${standard.id}/`) && s.file !== REGISTRY)
        .flatMap((s) => mentions(s.text, standard.id).map((line) => `${s.file}: ${line.trim()}`));
      expect(outside).toEqual([]);
      const registry = sources.find((s) => s.file === REGISTRY)?.text ?? "";
      expect(mentions(registry, standard.id).filter((l) => l.startsWith("import "))).toHaveLength(1);
    });
  }

  it("the registry lists every folder under src/standards/ except the common code, once", () => {
    const folders = fs
      .readdirSync(path.join(SRC, "standards"), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "common")
      .map((e) => e.name)
      .sort();
    expect(STANDARDS.map((s) => s.id).sort()).toEqual(folders);
    expect(new Set(STANDARDS.flatMap((s) => [s.id, ...s.aliases])).size).toBe(STANDARDS.reduce((n, s) => n + 1 + s.aliases.length, 0));
  });

  it("every standard has a browser entry at src/standards/<id>/runtime/entry.ts", () => {
    for (const s of STANDARDS) expect(fs.existsSync(path.join(SRC, "standards", s.id, "runtime", "entry.ts")), s.id).toBe(true);
  });

  it("the neutral layers use no standard's vocabulary", () => {
    // content → model → render → runtime core/ui: what the course means, not how a standard records it.
    const neutral = sources.filter((s) => /^(content|model|render|runtime\/(core|ui|features))\//.test(s.file));
    const vocabulary = /\b(scorm|cmi\.|lesson_status|suspend_data|API_1484_11|tincan|cmi5)\b/i;
    const hits = neutral.flatMap((s) => s.text.split("\n").filter((l) => vocabulary.test(l)).map((l) => `${s.file}: ${l.trim()}`));
    expect(hits).toEqual([]);
  });
});
