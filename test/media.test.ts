// Video, audio, transcripts and links to course files (issue #12 §1): every authoring mistake is a content error
// at its file and line (the captions file's own line for broken WebVTT); the markup a page gets; the files
// packaged and listed in each standard's manifest.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../src/content/errors.js";
import { sniffFile } from "../src/content/file-type.js";
import { byteRange, serveDir } from "../src/net/static-files.js";
import { loadCourse } from "../src/content/load-course.js";
import { vttProblem } from "../src/content/webvtt.js";
import { renderPage } from "../src/render/markdown.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { Words } from "../src/render/words.js";
import { planUnits } from "../src/model/units.js";
import { featuresFor } from "../src/runtime/features.js";
import { STANDARD_IDS } from "../src/standards/registry.js";
import { translatedFiles } from "../src/translate/apply.js";
import { courseTexts } from "../src/translate/course-texts.js";
import { plainParts } from "../src/translate/segment.js";
import { buildAndUnpack } from "./helpers/built-package.js";
import { contentFixture, type ContentFixture } from "./helpers/content-fixture.js";

const MEDIA = path.resolve("test/fixtures/media");
const SESSION = "sessions/01-introduction.md";

/** A course copy with the fixture media under media/ and files/, and `page` appended to session 1. */
function withPage(page: string): ContentFixture {
  const fx = contentFixture();
  fs.mkdirSync(fx.path("media"));
  fs.mkdirSync(fx.path("files"));
  for (const f of ["clip.webm", "clip.vtt", "silence.ogg"]) fs.copyFileSync(path.join(MEDIA, f), fx.path(`media/${f}`));
  fs.copyFileSync(path.join(MEDIA, "handout.pdf"), fx.path("files/handout.pdf"));
  fs.appendFileSync(fx.path(SESSION), `\n\n# Media page\n\n${page}\n`);
  return fx;
}

/** The problems loading reports, as `file:line: message` with the file relative to the course. */
function problems(fx: ContentFixture): string[] {
  try {
    loadCourse(fx.dir);
  } catch (err) {
    if (err instanceof ContentError) return err.problems.map((p) => `${path.relative(fx.dir, p.file)}:${p.line}: ${p.message}`);
    throw err;
  }
  throw new Error("the course loaded");
}

const VIDEO = "::: video ../media/clip.webm\ntitle: A changing colour\ncaptions: ../media/clip.vtt\n:::";

describe("media blocks: content errors at file:line", () => {
  const lineOf = (fx: ContentFixture, needle: string): number => fx.lineOf(SESSION, needle);

  it("a video without captions is an error, unless 'captions: none' gives a reason", () => {
    const fx = withPage("::: video ../media/clip.webm\ntitle: A changing colour\n:::");
    expect(problems(fx)).toEqual([`${SESSION}:${lineOf(fx, "::: video")}: ${"a video needs captions (WCAG 1.2.2): write 'captions: media/file.vtt' (WebVTT), or 'captions: none, <why>' for a video without speech"}`]);
    const none = withPage("::: video ../media/clip.webm\ntitle: A changing colour\ncaptions: none\n:::");
    expect(problems(none)).toEqual([`${SESSION}:${lineOf(none, "captions: none")}: 'captions: none' needs a reason: write e.g. 'captions: none, no speech (music only)'`]);
    const reasoned = withPage("::: video ../media/clip.webm\ntitle: A changing colour\ncaptions: none, no speech: colours only\n:::");
    expect(() => loadCourse(reasoned.dir)).not.toThrow();
  });

  it("captions that are not WebVTT are reported at the captions file's line", () => {
    const fx = withPage(VIDEO);
    fs.writeFileSync(fx.path("media/clip.vtt"), "WEBVTT\n\n00:00.000 --> 00:00.500\nFine.\n\n00:01.000 -> 00:02.000\nBroken arrow.\n");
    expect(problems(fx)).toEqual(["media/clip.vtt:6: captions (WebVTT): '00:01.000 -> 00:02.000' is neither a cue (an optional id, then a line 'start --> end') nor a NOTE"]);
    fs.writeFileSync(fx.path("media/clip.vtt"), "1\n00:00.000 --> 00:00.500\nNo header.\n");
    expect(problems(fx)).toEqual(["media/clip.vtt:1: captions (WebVTT): does not start with \"WEBVTT\" (found '1')"]);
  });

  it("WebVTT: timings, order and cues are checked", () => {
    expect(vttProblem("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")).toBeUndefined();
    expect(vttProblem("\uFEFFWEBVTT - a title\r\n\r\nNOTE a comment\r\n\r\nid-1\r\n01:00:00.000 --> 01:00:01.500 align:start\r\nHi\r\n")).toBeUndefined();
    expect(vttProblem("WEBVTT\n\n00:02.000 --> 00:01.000\nBack\n")).toEqual({ line: 3, message: "cue ends (00:01.000) before or when it starts (00:02.000)" });
    expect(vttProblem("WEBVTT\n\n00:02.000 --> 00:03.000\nA\n\n00:01.000 --> 00:04.000\nB\n")?.line).toBe(6);
    expect(vttProblem("WEBVTT\n\n00:00.5 --> 00:01.000\nA\n")?.message).toContain("is not 'mm:ss.ttt --> mm:ss.ttt'");
    expect(vttProblem("WEBVTT\n")?.message).toContain("has no cues");
    expect(vttProblem("WEBVTTX\n")?.line).toBe(1);
  });

  it("a missing file, a file of another type, a path out of the course and a link out are refused", () => {
    const missing = withPage(VIDEO.replace("clip.webm", "talk.webm"));
    expect(problems(missing)).toEqual([`${SESSION}:${lineOf(missing, "::: video")}: video '../media/talk.webm' not found (looked for ${path.relative(process.cwd(), missing.path("media/talk.webm"))})`]);

    const fake = withPage(VIDEO);
    fs.writeFileSync(fake.path("media/clip.webm"), "<!doctype html><script>alert(1)</script>");
    expect(problems(fake)).toEqual([`${SESSION}:${lineOf(fake, "::: video")}: video '../media/clip.webm' is not a WebM file: it looks like an HTML page; save it in that format or give it the right extension`]);

    const swapped = withPage(VIDEO.replace("../media/clip.webm", "../media/silence.mp4"));
    fs.copyFileSync(path.join(MEDIA, "silence.ogg"), swapped.path("media/silence.mp4"));
    expect(problems(swapped)[0]).toContain("video '../media/silence.mp4' is not an MP4 file: it is an Ogg file");

    const outside = withPage(VIDEO.replace("../media/clip.webm", "../../outside.webm"));
    fs.copyFileSync(path.join(MEDIA, "clip.webm"), path.join(outside.root, "outside.webm"));
    expect(problems(outside)).toEqual([`${SESSION}:${lineOf(outside, "::: video")}: video '../../outside.webm' points outside the course folder; keep the course's files inside it`]);

    const linked = withPage(VIDEO);
    fs.rmSync(linked.path("media/clip.webm"));
    fs.copyFileSync(path.join(MEDIA, "clip.webm"), path.join(linked.root, "elsewhere.webm"));
    fs.symlinkSync(path.join(linked.root, "elsewhere.webm"), linked.path("media/clip.webm"));
    expect(problems(linked)[0]).toMatch(/video '\.\.\/media\/clip\.webm' points outside the course folder \(it is a link to .*elsewhere\.webm\)/);

    const url = withPage(VIDEO.replace("../media/clip.webm", "https://example.org/talk.mp4"));
    expect(problems(url)[0]).toContain("must be a file inside the course folder, not a URL");
    const ext = withPage(VIDEO.replace("../media/clip.webm", "../media/clip.avi"));
    expect(problems(ext)[0]).toContain("video '../media/clip.avi' has a type a page cannot use here; use .mp4, .m4v, .webm");
  });

  it("fields: unknown, doubled, missing title, wrong complete-when, stray text, unclosed block, audio captions, lone transcript", () => {
    const fx = withPage(
      [
        "::: video ../media/clip.webm",
        "titel: A changing colour",
        "captions: ../media/clip.vtt",
        "captions: ../media/clip.vtt",
        "complete-when: half",
        "Just some words",
        ":::",
        "",
        "::: audio ../media/silence.ogg",
        "title: Silence",
        "captions: ../media/clip.vtt",
        ":::",
        "",
        "Between.",
        "",
        "::: transcript",
        "Nothing is said.",
        ":::",
        "",
        "::: audio ../media/silence.ogg",
        "title: Unclosed",
      ].join("\n"),
    );
    const at = (n: string): string => `${SESSION}:${lineOf(fx, n)}: `;
    expect(problems(fx).sort()).toEqual(
      [
        `${at("titel:")}unknown video field 'titel'; expected one of: title, captions, poster, complete-when — did you mean 'title'?`,
        `${SESSION}:${lineOf(fx, "titel:") + 2}: 'captions:' is given twice in this video block`,
        `${at("complete-when: half")}complete-when: the only value is 'ended' (the page counts as viewed once the video has played to its end); got 'half'`,
        `${at("Just some words")}a video block holds only 'field: value' lines (title, captions, poster, complete-when); put text after the block's ':::'`,
        `${at("::: video")}the video has no title: write 'title: what it is about' (it names the video for everyone, screen readers too)`,
        `${SESSION}:${lineOf(fx, "title: Silence") + 1}: audio shows no captions: put what is said in a '::: transcript' block right after it`,
        `${at("::: transcript")}a transcript belongs right after the '::: video' or '::: audio' block it transcribes`,
        `${SESSION}:${fx.read(SESSION).split("\n").lastIndexOf("::: audio ../media/silence.ogg") + 1}: this '::: audio' block is not closed: end it with a ':::' line after its fields`,
      ].sort(),
    );
  });

  it("links to course files: packaged when allowed; a missing file, an HTML page or a script is an error at its line", () => {
    const fx = withPage("Read the [handout](../files/handout.pdf) and\nthe [notes](../files/notes.pdf), not [a page](../files/page.html).\nThe [web](https://example.org/) and [this page](#media-page) are left alone.");
    fs.writeFileSync(fx.path("files/page.html"), "<p>hi</p>");
    const line = lineOf(fx, "Read the [handout]");
    expect(problems(fx)).toEqual([
      `${SESSION}:${line + 1}: linked file '../files/notes.pdf' not found (looked for ${path.relative(process.cwd(), fx.path("files/notes.pdf"))})`,
      `${SESSION}:${line + 1}: linked file '../files/page.html' has a type a page cannot use here; use .pdf, .docx, .xlsx, .pptx, .odt, .ods, .odp, .txt, .csv, .mp4, .m4v, .webm, .mp3, .ogg, .oga, .opus`,
    ]);
    const renamed = withPage("The [handout](../files/handout.pdf).");
    fs.writeFileSync(renamed.path("files/handout.pdf"), "<!doctype html><p>not a pdf</p>");
    expect(problems(renamed)).toEqual([`${SESSION}:${lineOf(renamed, "The [handout]")}: linked file '../files/handout.pdf' is not a PDF file: it looks like an HTML page; save it in that format or give it the right extension`]);
  });

  it("a link to a course file in a question is an error at the question (such links work on pages only)", () => {
    const fx = withPage("No media.");
    const check = "checks/04-peer-values.yaml";
    fx.mutate(check, (t) => t.replace("Which approach fits the Experience value?", "Which approach fits the Experience value (see the [handout](../files/handout.pdf))?"));
    const line = fx.lineOf(check, "see the [handout]");
    expect(problems(fx)).toEqual([`${check}:${line}: the link to '../files/handout.pdf' is in a question: links to files of the course are checked and packaged on pages only; link the file from a page`]);
  });

  it("file types by their first bytes", () => {
    expect(sniffFile(fs.readFileSync(path.join(MEDIA, "clip.webm")))).toBe("WebM");
    expect(sniffFile(fs.readFileSync(path.join(MEDIA, "silence.ogg")))).toBe("Ogg");
    expect(sniffFile(fs.readFileSync(path.join(MEDIA, "handout.pdf")))).toBe("PDF");
    expect(sniffFile(Buffer.from("\0\0\0\x18ftypmp42"))).toBe("MP4");
    expect(sniffFile(Buffer.from("ID3\x04\0"))).toBe("MP3");
    expect(sniffFile(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01, 0x42, 0x82, 0x88, ...Buffer.from("matroska")]))).toBeUndefined();
  });
});

describe("media blocks: markup and the page requirement", () => {
  const page = [
    VIDEO.replace(":::\n", "").replace("captions: ../media/clip.vtt", "captions: ../media/clip.vtt\nposter: ../images/drama-triangle.svg\ncomplete-when: ended"),
    "",
    "::: transcript",
    "A colour *changes*.",
    ":::",
    "",
    "::: audio ../media/silence.ogg",
    "title: One second of silence",
    ":::",
    "",
    "::: transcript visible",
    "Nothing is said.",
    ":::",
    "",
    "The [handout](../files/handout.pdf).",
  ].join("\n");

  it("renders video with its captions track and poster, audio, transcripts, and file links into the package, never autoplay", () => {
    const fx = withPage(page);
    fs.mkdirSync(fx.path("images"), { recursive: true });
    const course = loadCourse(fx.dir);
    const p = course.sessions[0]?.pages.at(-1);
    if (!p) throw new Error("no page");
    expect(p.requirement).toBe("media-ended");
    expect(p.media).toBe(2);
    const html = renderPage(p, Words.of({ ...course, language: "de", locale: { ...course.locale } }));
    expect(html).toContain(
      '<figure class="cw-media cw-media--video"><video controls preload="metadata" src="assets/media/clip.webm" poster="assets/images/drama-triangle.svg" data-cw-end>' +
        '<track kind="captions" src="assets/media/clip.vtt" srclang="de" label="Deutsch" default></video><figcaption>A changing colour</figcaption></figure>',
    );
    expect(html).toContain('<details class="cw-transcript"><summary>Transcript</summary><div class="cw-transcript__body">\n<p>A colour <em>changes</em>.</p>\n</div></details>');
    expect(html).toContain('<audio controls preload="metadata" src="assets/media/silence.ogg"></audio><figcaption>One second of silence</figcaption>');
    expect(html).toContain('<section class="cw-transcript" aria-label="Transcript"><p class="cw-transcript__title">Transcript</p>');
    expect(html).toContain('<a href="assets/files/handout.pdf" target="_blank" rel="noopener noreferrer">handout</a>');
    expect(html).not.toMatch(/autoplay/);
    // The course's words: the transcript is named in its language.
    const de = Words.of({ language: "de", locale: { id: "de", dir: "ltr", strings: { ...course.locale.strings, transcript: "Transkript" } } });
    expect(renderPage(p, de)).toContain("<summary>Transkript</summary>");

    const [unit] = planUnits(course, false);
    if (!unit) throw new Error("no unit");
    const data = runtimeCourse(course, unit);
    expect(data.sessions[0]?.waits).toEqual(["media-page"]);
    expect(data.sessions[1]?.waits).toBeUndefined();
    // The media feature (runtime/blocks/media.ts) goes into a package with media, also where no page waits.
    expect(featuresFor(course, [unit])).toContain("media-ended");
    const audioOnly = loadCourse(withPage("::: audio ../media/silence.ogg\ntitle: Silence\n:::").dir);
    expect(featuresFor(audioOnly, planUnits(audioOnly, false))).toContain("media-ended");
    const none = loadCourse(withPage("No media here.").dir);
    expect(featuresFor(none, planUnits(none, false))).not.toContain("media-ended");
  });

  for (const target of STANDARD_IDS) {
    it(`${target}: the media, captions, poster and handout are packaged and listed`, async () => {
      const fx = withPage(page);
      const pkg = await buildAndUnpack({ target, contentDir: fx.dir });
      try {
        for (const f of ["media/clip.webm", "media/clip.vtt", "media/silence.ogg", "files/handout.pdf"]) {
          expect(fs.readFileSync(path.join(pkg.dir, "assets", f))).toEqual(fs.readFileSync(fx.path(f)));
        }
        const manifest = path.join(pkg.dir, "imsmanifest.xml");
        if (target.startsWith("scorm")) {
          const xml = fs.readFileSync(manifest, "utf8");
          for (const f of ["media/clip.webm", "media/clip.vtt", "media/silence.ogg", "files/handout.pdf"]) expect(xml).toContain(`<file href="assets/${f}"/>`);
        } else {
          expect(fs.existsSync(manifest)).toBe(false);
        }
        // Nothing of the course folder that the pages do not use.
        expect(fs.existsSync(path.join(pkg.dir, "assets", "sessions"))).toBe(false);
      } finally {
        pkg.cleanup();
      }
    }, 60_000);
  }

  it("translation: a media title is a unit of its own, written back into its 'title:' line; the files stay", () => {
    const fx = withPage(page);
    const course = loadCourse(fx.dir);
    const texts = courseTexts(course);
    const titles = texts.units.filter((u) => /\/media\d+\/title$/.test(u.id));
    expect(titles.map((u) => [u.id, u.parts])).toEqual([
      ["session/introduction/page/media-page/media1/title", plainParts("A changing colour")],
      ["session/introduction/page/media-page/media2/title", plainParts("One second of silence")],
    ]);
    const files = translatedFiles(texts, fx.path("course.yaml"), new Map([[titles[0]?.id ?? "", plainParts("Eine Farbe, die sich ändert")]]), "de");
    const session = files.get(fx.path(SESSION)) ?? "";
    expect(session).toContain("::: video ../media/clip.webm\ntitle: Eine Farbe, die sich ändert\ncaptions: ../media/clip.vtt\n");
    fs.writeFileSync(fx.path(SESSION), session);
    expect(loadCourse(fx.dir).sessions[0]?.pages.at(-1)?.requirement).toBe("media-ended");
  });
});

describe("serving media: byte ranges (RFC 9110 §14), so a browser seeks in a video it has not loaded", () => {
  it("reads one range, refuses one beyond the file, sends the whole file otherwise", () => {
    expect(byteRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(byteRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange("bytes=990-2000", 1000)).toEqual({ start: 990, end: 999 });
    expect(byteRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(byteRange("bytes=5-2", 1000)).toBe("unsatisfiable");
    for (const whole of [undefined, "", "bytes=-", "items=0-1", "bytes=0-1,5-6"]) expect(byteRange(whole, 1000)).toBeUndefined();
  });

  it("the static server answers 206 with the bytes asked for, 416 past the end, 200 with Accept-Ranges without a range", async () => {
    const site = await serveDir(MEDIA);
    try {
      const clip = fs.readFileSync(path.join(MEDIA, "clip.webm"));
      const part = await fetch(`${site.url}clip.webm`, { headers: { Range: "bytes=4-19" } });
      expect([part.status, part.headers.get("content-range"), part.headers.get("content-type")]).toEqual([206, `bytes 4-19/${clip.length}`, "video/webm"]);
      expect(Buffer.from(await part.arrayBuffer())).toEqual(clip.subarray(4, 20));
      const beyond = await fetch(`${site.url}clip.webm`, { headers: { Range: `bytes=${clip.length}-` } });
      expect([beyond.status, beyond.headers.get("content-range")]).toEqual([416, `bytes */${clip.length}`]);
      const whole = await fetch(`${site.url}clip.webm`);
      expect([whole.status, whole.headers.get("accept-ranges")]).toEqual([200, "bytes"]);
      expect(Buffer.from(await whole.arrayBuffer())).toEqual(clip);
    } finally {
      await site.close();
    }
  });
});
