// Theme tokens (issue #10 §3): colour maths against WCAG 2.1's own figures, tokens → assets/theme.css for
// light/dark/auto, the build's contrast refusal (pair and course.yaml line), the schema's refusals, the logo
// as a course image, and figures with captions.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, type ContentProblem } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { contrast, contrastFailures, formatRatio, luminance, palette, PAIRS } from "../src/content/theme-palette.js";
import type { Page } from "../src/model/course.js";
import { renderPage } from "../src/render/markdown.js";
import { themeStylesheet } from "../src/render/theme-css.js";
import { buildAndUnpack } from "./helpers/built-package.js";
import { contentFixture, REPO_ROOT, type ContentFixture } from "./helpers/content-fixture.js";
import { runCli } from "./helpers/run-cli.js";

const COURSE = "course.yaml";

/** The course with its `theme:` block replaced by `block` (YAML lines under `theme:`). */
function themed(block: string): ContentFixture {
  const fx = contentFixture();
  fx.mutate(COURSE, (text) => `${text.replace(/^theme:\n(?: {2}.*\n)*/m, "").trimEnd()}\ntheme:\n${block.replace(/^/gm, "  ")}\n`);
  return fx;
}

function problemsOf(fx: ContentFixture): ContentProblem[] {
  try {
    loadCourse(fx.dir);
  } catch (err) {
    if (err instanceof ContentError) return [...err.problems];
    throw err;
  }
  return [];
}

describe("contrast maths (WCAG 2.1 relative luminance and contrast ratio)", () => {
  it("matches the known figures: black on white 21:1, #777 on white 4.48:1, #767676 on white 4.54:1", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1, 6);
    expect(luminance("#000000")).toBe(0);
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 6);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrast("#ffffff", "#777777")).toBe(contrast("#777777", "#ffffff"));
  });

  it("never shows a failing ratio rounded up to the threshold", () => {
    expect(formatRatio(4.478, 4.5)).toBe("4.48:1");
    expect(formatRatio(4.4962, 4.5)).toBe("4.49:1");
    expect(formatRatio(2.999, 3)).toBe("2.99:1");
    expect(formatRatio(21, 4.5)).toBe("21:1");
  });

  it("refuses #777 as the brand (4.48:1 with white text), #767676 for links on the grey surface, accepts #6b6b6b", () => {
    expect(contrastFailures(palette({ brand: "#777777" }, false), undefined)).toEqual([
      { field: "brand", message: "white text on #777777 has contrast 4.48:1; WCAG 2.1 AA needs 4.5:1" },
    ]);
    // #767676 passes on white (4.54:1) but links also sit on the surface colour of callouts and the header.
    expect(contrastFailures(palette({ brand: "#767676" }, false), undefined)).toEqual([
      { field: "brand", message: "links in #767676 on #f3f5f8 have contrast 4.16:1; WCAG 2.1 AA needs 4.5:1" },
    ]);
    expect(contrastFailures(palette({ brand: "#6b6b6b" }, false), undefined)).toEqual([]);
  });

  it("passes every pair of the default palettes, light and dark, and of the Peer Support course's theme", () => {
    const course = loadCourse(path.join(REPO_ROOT, "content"));
    expect(course.theme?.mode).toBe("auto");
    for (const dark of [false, true]) {
      expect(contrastFailures(palette(undefined, dark), undefined)).toEqual([]);
      expect(contrastFailures(palette(course.theme, dark), undefined)).toEqual([]);
    }
    expect(PAIRS.filter((p) => p.min === 3).map((p) => p.fg)).toEqual(["accent", "accent", "control", "control"]);
  });

  it("derives dark-mode links and focus ring that pass for any brand and accent (all 4,096 #rgb colours)", () => {
    const failing: string[] = [];
    for (let n = 0; n < 4096; n++) {
      const hex = `#${[8, 4, 0].map((shift) => ((n >> shift) & 15).toString(16).repeat(2)).join("")}`;
      const dark = palette({ brand: hex, accent: hex }, true);
      // Only the fill of buttons (text on the brand colour itself) is the author's to fix in dark mode.
      const derived = contrastFailures(dark, "dark").filter((f) => f.field !== "brand" || !/ text on /.test(f.message));
      if (derived.length > 0) failing.push(`${hex}: ${derived.map((f) => f.message).join("; ")}`);
    }
    expect(failing).toEqual([]);
  });

  it("keeps course.css's :root defaults equal to the light palette the build checks", () => {
    const css = fs.readFileSync(path.join(REPO_ROOT, "templates/assets/course.css"), "utf8");
    const root = /:root \{([^}]*)\}/.exec(css)?.[1] ?? "";
    const declared = Object.fromEntries([...root.matchAll(/--cw-([a-z-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]));
    expect(declared).toEqual({ ...palette(undefined, false) });
  });
});

describe("tokens → assets/theme.css", () => {
  it("light: only what differs from course.css, plus font and radius", () => {
    const css = themeStylesheet({ brand: "#6a2c70", mode: "light", font: '"Source Sans 3", sans-serif', radius: 0 });
    expect(css).toBe(':root{color-scheme:light;--cw-brand:#6a2c70;--cw-brand-hover:#5a255f;--cw-link:#6a2c70;--cw-font:"Source Sans 3", sans-serif;--cw-radius:0px;}\n');
    expect(css).not.toMatch(/prefers-color-scheme/);
  });

  it("dark: the whole dark palette, always, with the brand lightened where it is text on the dark page", () => {
    const css = themeStylesheet({ brand: "#1d4ed8", mode: "dark" });
    expect(css).toMatch(/^:root\{color-scheme:dark;--cw-text:#e7eaf0;.*--cw-bg:#14181f;/);
    expect(css).not.toMatch(/@media/);
    const dark = palette({ brand: "#1d4ed8" }, true);
    expect(css).toContain(`--cw-link:${dark.link};`);
    expect(dark.link).not.toBe("#1d4ed8");
    expect(contrast(dark.link, dark.bg)).toBeGreaterThanOrEqual(4.5);
    expect(dark.brand).toBe("#1d4ed8"); // buttons keep the organisation's colour
  });

  it("auto: light palette, then the dark one inside prefers-color-scheme: dark", () => {
    const css = themeStylesheet({ accent: "#b45309", mode: "auto" });
    const [light, dark] = css.split("@media (prefers-color-scheme: dark) {");
    expect(light).toBe(":root{color-scheme:light dark;--cw-accent:#b45309;--cw-focus-ring:#b45309;}\n");
    expect(dark).toMatch(/^\n:root\{color-scheme:light dark;--cw-text:#e7eaf0;.*\}\n\}\n$/);
  });
});

describe("the build refuses a theme whose contrast fails", () => {
  it("names the pair, the ratio and the line of theme.brand in course.yaml", () => {
    const fx = themed('mode: light\nbrand: "#7fb3ff"');
    expect(problemsOf(fx)).toEqual([
      { file: fx.path(COURSE), line: fx.lineOf(COURSE, '  brand: "#7fb3ff"'), field: "theme.brand", message: "links in #7fb3ff on white have contrast 2.14:1; WCAG 2.1 AA needs 4.5:1" },
    ]);
  });

  it("holds the focus ring and progress bar (accent) to 3:1 (SC 1.4.11)", () => {
    const fx = themed('accent: "#ffbf47"');
    expect(problemsOf(fx)).toEqual([
      { file: fx.path(COURSE), line: fx.lineOf(COURSE, "accent:"), field: "theme.accent", message: "the focus ring and progress bar in #ffbf47 on white have contrast 1.64:1; WCAG 2.1 AA needs 3:1" },
    ]);
  });

  it("auto checks both modes and says which one failed", () => {
    const fx = themed('mode: auto\nbrand: "#8a8a8a"');
    const problems = problemsOf(fx);
    expect(problems.map((p) => p.message)).toEqual(["in light mode, links in #8a8a8a on white have contrast 3.45:1; WCAG 2.1 AA needs 4.5:1"]);
  });

  it("the command line: one line file:line, exit 1, nothing written, no stack", async () => {
    // Dark mode keeps the brand as the fill of buttons: a grey that neither white nor dark text reads on.
    const fx = themed('mode: dark\nbrand: "#787878"');
    const out = fs.mkdtempSync(path.join(fx.root, "out-"));
    const run = await runCli(["build", "--target", "scorm12", "--content", fx.dir, "--out", out]);
    expect(run.code).toBe(1);
    const where = `${path.relative(REPO_ROOT, fx.path(COURSE))}:${fx.lineOf(COURSE, "brand:")}: theme.brand:`;
    expect(run.stderr).toBe(`error: the course has 1 problem; nothing was written:\n${where} white text on #787878 has contrast 4.42:1; WCAG 2.1 AA needs 4.5:1\n`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe("the schema refuses what cannot be a colour or a font list", () => {
  it.each([
    ['brand: "#12345"', "theme.brand", "must be a colour written #rrggbb, e.g. #1d4ed8"],
    ["brand: blue", "theme.brand", "must be a colour written #rrggbb, e.g. #1d4ed8"],
    ['font: "Arial; } body { color: red"', "theme.font", 'must be a CSS font-family list: names, quotes, commas and spaces only, e.g. "Source Sans 3", system-ui, sans-serif'],
    ["mode: sepia", "theme.mode", undefined],
    ["radius: 2.5", "theme.radius", "must be a whole number"],
  ])("%s", (line, field, message) => {
    const fx = themed(line);
    const [problem, ...more] = problemsOf(fx);
    expect(more).toEqual([]);
    expect(problem?.field).toBe(field);
    expect(problem?.line).toBe(fx.lineOf(COURSE, line.split(":")[0] ?? ""));
    if (message) expect(problem?.message).toBe(message);
    expect(problem?.message).not.toMatch(/did you mean/);
  });
});

describe("the logo is a course image", () => {
  it("outside the course folder: refused at theme.logo.file", () => {
    const fx = themed("logo:\n  file: ../logo.svg\n  alt: Peer Support");
    fs.writeFileSync(path.join(fx.root, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    const [problem, ...more] = problemsOf(fx);
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ line: fx.lineOf(COURSE, "file: ../logo.svg"), field: "theme.logo.file" });
    expect(problem?.message).toMatch(/^logo '\.\.\/logo\.svg' (points outside the course folder|is not inside the course folder)/);
  });

  it("packaged under assets/ and shown in the header with its alt text", async () => {
    const fx = themed("logo:\n  file: images/logo.svg\n  alt: Peer Support Network");
    fx.write("images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#6a2c70"/></svg>\n');
    const course = loadCourse(fx.dir);
    expect(course.theme?.logo).toEqual({ packagePath: "assets/images/logo.svg", alt: "Peer Support Network" });
    const pkg = await buildAndUnpack({ target: "scorm12", contentDir: fx.dir });
    try {
      expect(fs.readFileSync(path.join(pkg.dir, "assets/images/logo.svg"), "utf8")).toContain("<svg");
      const html = fs.readFileSync(path.join(pkg.dir, "index.html"), "utf8");
      expect(html).toContain('<img class="cw-header__logo" src="assets/images/logo.svg" alt="Peer Support Network">');
      expect(html).toContain('<link rel="stylesheet" href="assets/theme.css">');
      expect(fs.readFileSync(path.join(pkg.dir, "assets/theme.css"), "utf8")).toBe(themeStylesheet(course.theme ?? { mode: "light" }));
      expect(fs.readFileSync(path.join(pkg.dir, "imsmanifest.xml"), "utf8")).toContain('href="assets/theme.css"');
    } finally {
      pkg.cleanup();
    }
  });
});

describe("figures with captions", () => {
  const page = (markdown: string): string => renderPage({ markdown, assetRefs: { "a.svg": "assets/a.svg" } } as unknown as Page);

  it('![alt](file "caption") alone in a paragraph is a figure with its caption (no <p> around it)', () => {
    expect(page('![An oak tree](a.svg "The old oak")\n')).toBe('<figure class="cw-figure"><img src="assets/a.svg" alt="An oak tree" loading="lazy"><figcaption>The old oak</figcaption></figure>\n');
  });

  it("escapes the caption, keeps decorative images and images inside text as they were", () => {
    expect(page('![x](a.svg "<b>&")\n')).toContain("<figcaption>&lt;b&gt;&amp;</figcaption>");
    expect(page('![](a.svg "decorative")\n')).toBe('<p><img src="assets/a.svg" alt="" role="presentation" loading="lazy"></p>\n');
    expect(page('See ![x](a.svg "tip") here\n')).toBe('<p>See <img src="assets/a.svg" alt="x" title="tip" loading="lazy"> here</p>\n');
    expect(page("![x](a.svg)\n")).toBe('<p><img src="assets/a.svg" alt="x" loading="lazy"></p>\n');
  });
});
