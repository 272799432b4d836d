// Fault matrix, content inputs (issue #8 §1–§2): hostile or broken input files are refused by the real
// command line with one `file:line[:col]: message` per problem, exit status 1, no stack trace, and the
// output folder exactly as it was. Every case starts from a fresh copy of the real course.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { svgProblem } from "../src/content/svg-safety.js";
import { contentFixture, REAL_CONTENT, REPO_ROOT, replaceOnce, tempDir, type ContentFixture } from "./helpers/content-fixture.js";
import { runCli, type CliRun } from "./helpers/run-cli.js";

const S01 = "sessions/01-introduction.md";
const S02 = "sessions/02-what-is-recovery.md";
const S05 = "sessions/05-peer-relationship.md";
const S07 = "sessions/07-language-communication.md";
const S12 = "sessions/12-useful-resources.md";
const C04 = "checks/04-peer-values.yaml";
const COURSE = "course.yaml";
const IMAGE = "../images/drama-triangle.svg";
const BANNER = "templates/partials/banner.hbs";
const ZIP = "peer-support-training-scorm12.zip";

const sub = (search: string, replacement: string) => (text: string) => replaceOnce(text, search, replacement);

interface Refusal {
  /** Relative to the course folder, or absolute. */
  readonly file: string;
  /** Omitted for problems about a file as a whole (a link, a folder, an encoding). */
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  /** The whole message after `file:line: ` (or, with `prefix`, how it starts). */
  readonly message: string;
  readonly prefix?: boolean;
}

/** An output folder holding an older package and another file, to prove a failed build leaves it alone. */
function outputFolder(): { dir: string; unchanged(): void } {
  const dir = tempDir();
  const oldZip = Buffer.from("PK old package\n");
  fs.writeFileSync(path.join(dir, ZIP), oldZip);
  fs.writeFileSync(path.join(dir, "keep.txt"), "keep\n");
  const past = new Date("2020-01-02T03:04:05Z");
  fs.utimesSync(path.join(dir, ZIP), past, past);
  return {
    dir,
    unchanged() {
      expect(fs.readdirSync(dir).sort()).toEqual(["keep.txt", ZIP]);
      expect(fs.readFileSync(path.join(dir, ZIP)).equals(oldZip)).toBe(true);
      expect(fs.statSync(path.join(dir, ZIP)).mtime.getTime()).toBe(past.getTime());
      expect(fs.readFileSync(path.join(dir, "keep.txt"), "utf8")).toBe("keep\n");
    },
  };
}

const shown = (fx: ContentFixture, file: string): string => path.relative(REPO_ROOT, path.isAbsolute(file) ? file : fx.path(file));

function expectNoStack(run: CliRun): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/\b(?:TypeError|RangeError|ReferenceError|SyntaxError|EISDIR|ENOENT|Maximum call stack)\b/);
}

/** Builds `fx` with the CLI and expects exactly one problem, `expected`. */
async function expectRefused(fx: ContentFixture, expected: Refusal): Promise<CliRun> {
  const out = outputFolder();
  const run = await runCli(["build", "--target", "scorm12", "--content", fx.dir, "--out", out.dir]);
  expect(run.code, run.stderr).toBe(1);
  const where = `${shown(fx, expected.file)}${expected.line ? `:${expected.line}` : ""}${expected.column ? `:${expected.column}` : ""}:${expected.field ? ` ${expected.field}:` : ""}`;
  const lines = run.stderr.split("\n");
  expect(lines[0]).toBe("error: the course has 1 problem; nothing was written:");
  if (expected.prefix) expect(lines[1]?.startsWith(`${where} ${expected.message}`), lines[1]).toBe(true);
  else expect(lines[1]).toBe(`${where} ${expected.message}`);
  expect(lines.slice(2)).toEqual([""]);
  expect(run.stdout).not.toMatch(/^(runtime|package)\s/m);
  expectNoStack(run);
  out.unchanged();
  expect(fs.readdirSync(run.tmp)).toEqual([]);
  return run;
}

/** A folder next to the course folder, outside it. */
function outside(fx: ContentFixture, rel: string, text: string): string {
  const file = path.join(fx.root, "outside", rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe("nothing from outside the course folder", () => {
  it("symlinked image → /etc/passwd", async () => {
    const fx = contentFixture();
    fs.symlinkSync("/etc/passwd", fx.path("images/photo.png"));
    fx.mutate(S05, sub(IMAGE, "../images/photo.png"));
    await expectRefused(fx, {
      file: S05,
      line: fx.lineOf(S05, "../images/photo.png"),
      message: "image '../images/photo.png' points outside the course folder (it is a link to /etc/passwd); keep pictures inside it",
    });
  });

  it("symlinked image folder", async () => {
    const fx = contentFixture();
    const elsewhere = path.join(fx.root, "outside", "images");
    fs.mkdirSync(path.dirname(elsewhere), { recursive: true });
    fs.renameSync(fx.path("images"), elsewhere);
    fs.symlinkSync(elsewhere, fx.path("images"));
    await expectRefused(fx, {
      file: S05,
      line: fx.lineOf(S05, IMAGE),
      message: `image '${IMAGE}' points outside the course folder (it is a link to ${path.join(elsewhere, "drama-triangle.svg")}); keep pictures inside it`,
    });
  });

  it("symlinked template asset → /etc/passwd", async () => {
    const fx = contentFixture();
    fs.mkdirSync(fx.path("templates/assets"), { recursive: true });
    fs.symlinkSync("/etc/passwd", fx.path("templates/assets/course.css"));
    await expectRefused(fx, { file: "templates/assets/course.css", message: "points outside the course folder (it is a link to /etc/passwd)" });
  });

  it("symlinked partial → a file outside the course", async () => {
    const fx = contentFixture();
    const target = outside(fx, "page.hbs", "<section>{{title}}</section>\n");
    fs.mkdirSync(fx.path("templates/partials"), { recursive: true });
    fs.symlinkSync(target, fx.path("templates/partials/page.hbs"));
    await expectRefused(fx, { file: "templates/partials/page.hbs", message: `points outside the course folder (it is a link to ${target})` });
  });

  it("'../outside' session file in course.yaml", async () => {
    const fx = contentFixture();
    outside(fx, "12.md", fx.read(S12));
    fx.mutate(COURSE, sub(`  - ${S12}`, "  - ../outside/12.md"));
    await expectRefused(fx, {
      file: COURSE,
      line: fx.lineOf(COURSE, "../outside/12.md"),
      field: "sessions.11",
      message: "session file '../outside/12.md' points outside the course folder",
    });
  });

  it("session file that is a symlink to a file outside", async () => {
    const fx = contentFixture();
    const target = outside(fx, "12.md", fx.read(S12));
    fx.remove(S12);
    fs.symlinkSync(target, fx.path(S12));
    await expectRefused(fx, {
      file: COURSE,
      line: fx.lineOf(COURSE, S12),
      field: "sessions.11",
      message: `session file '${S12}' points outside the course folder (it is a link to ${target})`,
    });
  });

  it("absolute check file in a session's front matter", async () => {
    const fx = contentFixture();
    const target = outside(fx, "05.yaml", fx.read("checks/05-peer-relationship.yaml"));
    fx.mutate(S05, sub("check: ../checks/05-peer-relationship.yaml", `check: ${target}`));
    await expectRefused(fx, {
      file: S05,
      line: fx.lineOf(S05, "check: "),
      field: "check",
      message: `knowledge check file '${target}' points outside the course folder`,
    });
  });

  it("absolute assessment file (/etc/passwd)", async () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("assessment: assessment.yaml", "assessment: /etc/passwd"));
    await expectRefused(fx, {
      file: COURSE,
      line: fx.lineOf(COURSE, "assessment: /etc/passwd"),
      field: "assessment",
      message: "assessment file '/etc/passwd' points outside the course folder",
    });
  });

  it("course.yaml that is a symlink to a file outside", async () => {
    const fx = contentFixture();
    const target = outside(fx, "course.yaml", fx.read(COURSE));
    fx.remove(COURSE);
    fs.symlinkSync(target, fx.path(COURSE));
    await expectRefused(fx, { file: COURSE, message: `points outside the course folder (it is a link to ${target})` });
  });
});

describe("SVG images are pictures, nothing else", () => {
  const SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"';
  const refused = async (svg: string, message: string): Promise<void> => {
    const fx = contentFixture();
    fx.write("images/evil.svg", svg);
    fx.mutate(S05, sub(IMAGE, "../images/evil.svg"));
    await expectRefused(fx, {
      file: S05,
      line: fx.lineOf(S05, "../images/evil.svg"),
      message: `image '../images/evil.svg' is refused: images/evil.svg ${message}`,
      prefix: message.endsWith("("),
    });
  };

  it("SVG with <script>", () =>
    refused(`<svg ${SVG}><script>window.parent.API.LMSSetValue("cmi.core.lesson_status","passed")</script></svg>`, "has a <script> element, which is not allowed in a picture"));

  it("SVG with a namespaced <svg:script>", () =>
    refused('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>', "has a <svg:script> element, which is not allowed in a picture"));

  it("SVG with an onload attribute", () => refused(`<svg ${SVG} onload="alert(document.referrer)"><rect width="5" height="5"/></svg>`, "has an event-handler attribute onload on <svg>, which is not allowed"));

  it("SVG with <foreignObject>", () =>
    refused(`<svg ${SVG}><foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject></svg>`, "has a <foreignObject> element, which is not allowed in a picture"));

  it("SVG with a javascript: xlink:href", () =>
    refused(`<svg ${SVG}><a xlink:href="javascript:alert(1)"><text y="5">x</text></a></svg>`, `has xlink:href="javascript:alert(1)" on <a>: a 'javascript:' URL; a picture may only refer to its own parts ('#id')`));

  it("SVG with an entity-encoded j&#x61;vascript: href", () =>
    refused(`<svg ${SVG}><a href="j&#x61;vascript:alert(1)"><text y="5">x</text></a></svg>`, `has href="j&#x61;vascript:alert(1)" on <a>: a 'javascript:' URL; a picture may only refer to its own parts ('#id')`));

  it("SVG with a tab inside the scheme (java&#9;script:)", () =>
    refused(`<svg ${SVG}><a href=" java&#9;script:alert(1)"><text y="5">x</text></a></svg>`, `has href=" java&#9;script:alert(1)" on <a>: a 'javascript:' URL; a picture may only refer to its own parts ('#id')`));

  it("SVG with an external http: image", () =>
    refused(`<svg ${SVG}><image href="http://evil.example/track.png" width="10" height="10"/></svg>`, `has href="http://evil.example/track.png" on <image>: a 'http:' URL; a picture may only refer to its own parts ('#id')`));

  it("SVG with a protocol-relative //host reference", () =>
    refused(`<svg ${SVG}><use href="//evil.example/sprite.svg#a"/></svg>`, `has href="//evil.example/sprite.svg#a" on <use>: a reference to another site; a picture may only refer to its own parts ('#id')`));

  it("SVG with a data: href", () =>
    refused(`<svg ${SVG}><image xlink:href="data:image/svg+xml,%3Csvg/%3E" width="1" height="1"/></svg>`, `has xlink:href="data:image/svg+xml,%3Csvg/%3E" on <image>: a 'data:' URL; a picture may only refer to its own parts ('#id')`));

  it("SVG with CSS @import in <style> (spelled with a CSS escape)", () =>
    refused(`<svg ${SVG}><style><![CDATA[@\\69mport url(https://evil.example/x.css);]]></style></svg>`, "has a <style> element with CSS '@import', which loads or runs something from outside the picture"));

  it("SVG with url(http…) in a style attribute", () =>
    refused(`<svg ${SVG}><rect width="5" height="5" style="fill: url('http://evil.example/p.svg#g')"/></svg>`, `has style="fill: url('http://evil.example/p.svg#g')" on <rect>: CSS url(http://evil.example/p.svg#g): a 'http:' URL; a picture may only refer to its own parts ('#id')`));

  it("SVG with <set> changing an href", () =>
    refused(`<svg ${SVG}><a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text y="5">x</text></a></svg>`, `has <set attributeName="href">, which can change a link or run script`));

  it("SVG declaring an <!ENTITY>", () =>
    refused(`<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<svg ${SVG}><text>&lol2;</text></svg>`, "declares an <!ENTITY>, which is not allowed in a picture (entity expansion)"));

  it("SVG that is not well-formed XML", () => refused(`<svg ${SVG}><g><rect/></svg>`, "is not well-formed XML ("));

  it("SVG whose root is not <svg>", () => refused('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "is not an SVG image (its root element is <html>)"));

  it("keeps plain pictures: the course's own SVG and one with #id references, a DOCTYPE and editor metadata", () => {
    expect(svgProblem(fs.readFileSync(path.join(REAL_CONTENT, "images", "drama-triangle.svg")), "drama-triangle.svg")).toBeUndefined();
    const fine = [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
      "<!-- exported by an editor -->",
      `<svg ${SVG} xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">`,
      '<sodipodi:namedview inkscape:zoom="1"/>',
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><rect id="r" width="2" height="2"/></defs>',
      '<style>rect { fill: url(#g); }</style>',
      '<rect width="5" height="5" fill="url(#g)" style="stroke: url( \'#g\' )"/><use xlink:href="#r"/><a href="#r"><text y="9">Tom &amp; Jerry</text></a>',
      "</svg>",
    ].join("\n");
    expect(svgProblem(Buffer.from(fine), "fine.svg")).toBeUndefined();
    const fx = contentFixture();
    fx.write("images/drama-triangle.svg", fine);
    expect(loadCourse(fx.dir).assets.map((a) => a.packagePath)).toEqual(["assets/images/drama-triangle.svg"]);
  });
});

describe("images are the type their name says", () => {
  it("text file named .png", async () => {
    const fx = contentFixture();
    fx.write("images/photo.png", "<html><script>alert(1)</script></html>\n");
    fx.mutate(S05, sub(IMAGE, "../images/photo.png"));
    await expectRefused(fx, {
      file: S05,
      line: fx.lineOf(S05, "../images/photo.png"),
      message: "image '../images/photo.png' is not a PNG file: it looks like an HTML page; save it as PNG or give it the right extension",
    });
  });

  it("JPEG named .png", async () => {
    const fx = contentFixture();
    fs.writeFileSync(fx.path("images/photo.png"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]));
    fx.mutate(S05, sub(IMAGE, "../images/photo.png"));
    await expectRefused(fx, {
      file: S05,
      line: fx.lineOf(S05, "../images/photo.png"),
      message: "image '../images/photo.png' is not a PNG file: it is a JPEG image; save it as PNG or give it the right extension",
    });
  });
});

describe("text is UTF-8 and holds only characters XML allows", () => {
  /** Writes `rel` with line `lineNo` (1-based) replaced by `bytes`. */
  const writeLine = (fx: ContentFixture, rel: string, lineNo: number, bytes: Buffer): void => {
    const lines: Buffer[] = fx.read(rel).split("\n").map((l) => Buffer.from(l, "utf8"));
    lines[lineNo - 1] = bytes;
    fs.writeFileSync(fx.path(rel), Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from("\n"), l]))));
  };
  const TITLE = "title: Introduction to the Course";

  it("Latin-1 file", async () => {
    const fx = contentFixture();
    const line = fx.lineOf(S01, TITLE);
    writeLine(fx, S01, line, Buffer.concat([Buffer.from("title: Introduction to the Caf"), Buffer.from([0xe9]), Buffer.from(" Course")]));
    await expectRefused(fx, { file: S01, line, column: "title: Introduction to the Caf".length + 1, message: "not UTF-8 text (byte 0xE9 looks like Latin-1 or Windows-1252); save it as UTF-8" });
  });

  it("UTF-16 file (with a byte order mark)", async () => {
    const fx = contentFixture();
    fs.writeFileSync(fx.path(C04), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fx.read(C04), "utf16le")]));
    await expectRefused(fx, { file: C04, message: "not UTF-8 text (looks like UTF-16: it starts with a UTF-16 byte order mark); save it as UTF-8" });
  });

  it("UTF-16 file without a byte order mark", async () => {
    const fx = contentFixture();
    fs.writeFileSync(fx.path(C04), Buffer.from(fx.read(C04), "utf16le"));
    await expectRefused(fx, { file: C04, message: "not UTF-8 text (looks like UTF-16: every other byte is 0); save it as UTF-8" });
  });

  it("control character U+0001 in a title", async () => {
    const fx = contentFixture();
    fx.mutate(S01, sub(TITLE, "title: Introduction\u0001 to the Course"));
    await expectRefused(fx, { file: S01, line: fx.lineOf(S01, "title: Introduction"), column: 20, message: "character U+0001 (a control character) is not allowed in course text; delete it" });
  });

  it("noncharacter U+FFFE in a title", async () => {
    const fx = contentFixture();
    fx.mutate(S01, sub(TITLE, "title: Introduction to the \uFFFECourse"));
    await expectRefused(fx, { file: S01, line: fx.lineOf(S01, "title: Introduction"), column: 28, message: "character U+FFFE (a noncharacter) is not allowed in course text; delete it" });
  });

  it("lone surrogate (YAML escape \\uD800) in a title", async () => {
    const fx = contentFixture();
    fx.mutate(S01, sub(TITLE, 'title: "Introduction \\uD800 to the Course"'));
    await expectRefused(fx, {
      file: S01,
      line: fx.lineOf(S01, "title: "),
      column: 8,
      message: "character U+D800 (a lone surrogate, half of a broken character), written as an escape in this text, is not allowed in course text; delete it",
    });
  });

  it("control character (YAML escape \\x07) in a quiz prompt", async () => {
    const fx = contentFixture();
    fx.mutate(C04, sub("prompt: The person you support is talking about a setback, and it reminds you of a similar time in your own life. Which approach fits the Experience value?", 'prompt: "Which organisation\\x07 developed it?"'));
    await expectRefused(fx, {
      file: C04,
      line: fx.lineOf(C04, "Which organisation"),
      column: 13,
      message: "character U+0007 (a control character), written as an escape in this text, is not allowed in course text; delete it",
    });
  });

  it("control character in a template override", async () => {
    const fx = contentFixture();
    const text = '<div class="cw-banner" data-cw="banner" role="status" hidden><p data-cw="banner-text">\u0008</p></div>\n';
    fx.write(BANNER, text);
    await expectRefused(fx, { file: BANNER, line: 1, column: text.indexOf("\u0008") + 1, message: "character U+0008 (a control character) is not allowed in course text; delete it" });
  });

  it("a UTF-8 byte order mark is fine", () => {
    const fx = contentFixture();
    for (const rel of [COURSE, S01, C04]) fs.writeFileSync(fx.path(rel), `\uFEFF${fx.read(rel)}`);
    expect(loadCourse(fx.dir).sessions[0]?.title).toBe("Introduction to the Course");
  });
});

describe("names that collide on case-insensitive file systems", () => {
  it("session ids One/one (Introduction vs introduction)", async () => {
    const fx = contentFixture();
    fx.mutate(S02, sub("id: what-is-recovery", "id: Introduction"));
    await expectRefused(fx, {
      file: S02,
      line: fx.lineOf(S02, "id: Introduction"),
      field: "id",
      message: `session id 'Introduction' differs from 'introduction' (in ${S01}) only in letter case; their files would collide on case-insensitive file systems: choose another id`,
    });
  });

  it("image file names that differ only in case", async () => {
    const fx = contentFixture();
    fs.copyFileSync(fx.path("images/drama-triangle.svg"), fx.path("images/Drama-Triangle.svg"));
    fx.mutate(S07, (t) => `${t.trimEnd()}\n\n![The Drama Triangle again, with its three roles](../images/Drama-Triangle.svg)\n`);
    await expectRefused(fx, {
      file: S07,
      line: fx.lineOf(S07, "Drama-Triangle.svg"),
      message: "image '../images/Drama-Triangle.svg' differs from images/drama-triangle.svg only in letter case; they would collide on case-insensitive file systems: rename one",
    });
  });
});

describe("no stack trace reaches an author", () => {
  it("YAML alias bomb (billion laughs)", async () => {
    const fx = contentFixture();
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [n, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"]] as const) levels.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    fx.mutate(C04, (t) => `${t.trimEnd()}\nbomb:\n${levels.map((l) => `  ${l}`).join("\n")}\n`);
    await expectRefused(fx, {
      file: C04,
      line: fx.lineOf(C04, "  b: &b"),
      message: 'YAML aliases (*name) expand to more than 100 copies, as in a "billion laughs" attack; write the values out instead',
    });
  });

  it("template with a missing helper", async () => {
    const fx = contentFixture();
    fx.write(BANNER, '<div class="cw-banner">\n{{shout "hello"}}\n</div>\n');
    await expectRefused(fx, { file: BANNER, line: 2, message: "template error: unknown helper 'shout'; the helpers are: eq, json, t, slot and Handlebars' own (if, unless, each, with, lookup)" });
  });

  it("template including a partial that does not exist", async () => {
    const fx = contentFixture();
    fx.write(BANNER, '<div class="cw-banner">\n\n{{> nowhere}}\n</div>\n');
    await expectRefused(fx, { file: BANNER, line: 3, message: "template error: partial 'nowhere' not found (no partials/nowhere.hbs in templates/ or the course's templates/)" });
  });

  it("partial that includes itself", async () => {
    const fx = contentFixture();
    fx.write(BANNER, '<div class="cw-banner">{{> banner}}</div>\n');
    const run = await expectRefused(fx, { file: BANNER, line: 1, message: "template error: partial 'banner' includes itself (banner → banner) without end; remove the {{> banner}} from it" });
    expect(run.stdout).toMatch(/^templates\s/m); // found while rendering, after the templates loaded
  });

  it("template asset that is a folder", async () => {
    const fx = contentFixture();
    fx.write("templates/assets/course.css/theme.css", "body { color: black; }\n");
    await expectRefused(fx, { file: "templates/assets/course.css", message: "is a folder, but it would replace the file templates/assets/course.css: a template override must be a file" });
  });

  it("template asset that is a symlink to a folder", async () => {
    const fx = contentFixture();
    fs.mkdirSync(fx.path("templates/assets"), { recursive: true });
    fs.symlinkSync(fx.path("images"), fx.path("templates/assets/course.css"));
    await expectRefused(fx, { file: "templates/assets/course.css", message: "is a folder, but it would replace the file templates/assets/course.css: a template override must be a file" });
  });

  it("--out naming a file", async () => {
    const fx = contentFixture();
    const file = path.join(tempDir(), "dist.zip");
    fs.writeFileSync(file, "not a folder\n");
    const run = await runCli(["build", "--target", "scorm12", "--content", fx.dir, "--out", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: --out ${file} is a file, not a folder; give --out a folder for the packages; nothing was written\n`);
    expect(run.stdout).toBe("");
    expectNoStack(run);
    expect(fs.readFileSync(file, "utf8")).toBe("not a folder\n");
  });

  it("--out below a file", async () => {
    const fx = contentFixture();
    const file = path.join(tempDir(), "dist.zip");
    fs.writeFileSync(file, "not a folder\n");
    const run = await runCli(["build", "--target", "scorm12", "--content", fx.dir, "--out", path.join(file, "sub")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: --out ${path.join(file, "sub")}: ${path.relative(REPO_ROOT, file)} is a file, not a folder; give --out a folder for the packages; nothing was written\n`);
    expectNoStack(run);
  });

  it("an unexpected failure prints one line with a hint to report it; the stack only with COURSEWRIGHT_DEBUG=1", async () => {
    const file = path.join(tempDir(), "schemas.txt");
    fs.writeFileSync(file, "x\n");
    const args = ["schemas", "--out", path.join(file, "sub")];
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ENOTDIR: not a directory, mkdir '[^\n]+' \(unexpected: please report it, with the output of COURSEWRIGHT_DEBUG=1 coursewright …\)\n$/);
    expectNoStack(run);
    const debug = await runCli(args, { env: { COURSEWRIGHT_DEBUG: "1" } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
