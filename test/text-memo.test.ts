// What a long-lived process (preview's watch mode) keeps between builds (src/text-memo.ts): parsed YAML,
// page tokens, rendered Markdown, template sets, the package's units. Kept only by the text it came from,
// so every edit shows in the next build of the same process, and a broken edit is still reported.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { ContentError } from "../src/content/errors.js";
import { TextMemo } from "../src/text-memo.js";
import { contentFixture } from "./helpers/content-fixture.js";

describe("TextMemo", () => {
  it("makes a result once per key, and keeps at most `limit`, dropping the least recently used", () => {
    const memo = new TextMemo<string>(2);
    let made = 0;
    const get = (key: string): string => memo.get(key, () => `${key}${++made}`);
    expect(get("a")).toBe("a1");
    expect(get("a")).toBe("a1");
    expect(get("b")).toBe("b2");
    expect(get("a")).toBe("a1"); // a is now the most recently used
    expect(get("c")).toBe("c3"); // drops b
    expect(memo.size).toBe(2);
    expect(get("a")).toBe("a1");
    expect(get("b")).toBe("b4");
  });

  it("tells long texts of one length apart (kept by digest), and a short text never stands for a long one", () => {
    const memo = new TextMemo<string>(8);
    const a = "a".repeat(20_000);
    const b = `${"a".repeat(19_999)}b`;
    expect(memo.get(a, () => "A")).toBe("A");
    expect(memo.get(b, () => "B")).toBe("B");
    expect(memo.get(`${"a".repeat(19_999)}a`, () => "again")).toBe("A");
    expect(memo.get(`#${a.length}:`, () => "short")).toBe("short");
  });

  it("keeps an empty string or false as a result, and nothing `keep` refuses or `make` throws", () => {
    const memo = new TextMemo<string | boolean>(4);
    let made = 0;
    expect(memo.get("x", () => (made++, ""))).toBe("");
    expect(memo.get("x", () => (made++, "other"))).toBe("");
    expect(memo.get("y", () => (made++, false))).toBe(false);
    expect(memo.get("y", () => (made++, true))).toBe(false);
    expect(made).toBe(2);
    expect(memo.get("z", () => "refused", () => false)).toBe("refused");
    expect(memo.get("z", () => "made again")).toBe("made again");
    expect(() => memo.get("t", () => { throw new Error("broken"); })).toThrow("broken");
    expect(memo.get("t", () => "fine")).toBe("fine");
  });
});

describe("builds in one process see every edit", () => {
  const html = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name, "index.html"), "utf8");

  it("a page, a quiz, a template and the course file, each edited between builds of one process (folder form, as preview builds)", async () => {
    const fx = contentFixture();
    const out = (n: number): string => path.join(fx.root, `out-${n}`);
    const once = async (n: number): Promise<string> => {
      const [report] = await build({ contentDir: fx.dir, outDir: out(n), targets: ["scorm12"], form: "folder" });
      expect(report?.folder?.name).toBe(report?.file);
      expect(fs.existsSync(path.join(out(n), `${report!.file}.zip`))).toBe(false); // a folder, no zip
      return html(out(n), report!.file);
    };
    const first = await once(1);
    expect(first).not.toContain("A sentence added between builds");

    fx.mutate("sessions/01-introduction.md", (t) => `${t.trimEnd()}\n\nA sentence added between builds.\n`);
    const second = await once(2);
    expect(second).toContain("A sentence added between builds");

    fx.mutate("checks/04-peer-values.yaml", (t) => t.replace("Which approach fits the Experience value?", "Which approach fits the Experience value, edited?"));
    const third = await once(3);
    expect(third).toContain("Which approach fits the Experience value, edited?");
    expect(third).toContain("A sentence added between builds");

    const layout = fs.readFileSync(path.join(process.cwd(), "templates", "layout.hbs"), "utf8");
    fx.write("templates/layout.hbs", layout.replace("</body>", "<!-- edited layout -->\n</body>"));
    expect(await once(4)).toContain("<!-- edited layout -->");

    fx.mutate("course.yaml", (t) => t.replace(/^title: .*$/m, "title: Peer Support Training, edited"));
    expect(await once(5)).toContain("Peer Support Training, edited");
  });

  it("a broken edit is reported with its line after a good build of the same text, and the mended text builds again", async () => {
    const fx = contentFixture();
    const good = fx.read("checks/04-peer-values.yaml");
    await build({ contentDir: fx.dir, outDir: path.join(fx.root, "a"), targets: ["scorm12"], form: "folder" });
    fx.write("checks/04-peer-values.yaml", good.replace("questions:", "questions: [unclosed"));
    const failed = await build({ contentDir: fx.dir, outDir: path.join(fx.root, "b"), targets: ["scorm12"], form: "folder" }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ContentError);
    expect((failed as ContentError).problems[0]?.file).toBe(fx.path("checks/04-peer-values.yaml"));
    fx.write("checks/04-peer-values.yaml", good);
    await expect(build({ contentDir: fx.dir, outDir: path.join(fx.root, "c"), targets: ["scorm12"], form: "folder" })).resolves.toHaveLength(1);
  });
});
