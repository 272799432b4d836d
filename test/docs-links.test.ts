// The documentation's cheap guards: every relative link in README.md and docs/*.md leads to a file of this
// repository (and, with a #fragment, to a heading of that page), and docs/authoring.md names every field
// the content schemas know, so a new field without documentation fails here.
import fs from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { describe, expect, it } from "vitest";
import { knownFields } from "../src/content/known-fields.js";
import { CALLOUT_KINDS } from "../src/content/markdown-dialect.js";
import { courseSchema, questionSchemas, quizSchema, sessionFrontMatterSchema } from "../src/content/schemas.js";
import { QUESTION_TYPES, REPORTING_OPTIONS } from "../src/model/course.js";
import { REPO_ROOT } from "./helpers/content-fixture.js";

const md = new MarkdownIt({ html: false });

const DOCS = [
  "README.md",
  ...fs
    .readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];

interface Link {
  readonly from: string;
  readonly line: number;
  readonly target: string;
}

/** Every token, inline children included, with the line of the block it is in. */
function walk(tokens: readonly Token[], visit: (t: Token, line: number) => void, line = 0): void {
  for (const t of tokens) {
    const here = t.map ? t.map[0] + 1 : line;
    visit(t, here);
    if (t.children) walk(t.children, visit, here);
  }
}

/** Links and images of a Markdown file, as markdown-it parses them (so nothing inside code counts). */
function linksOf(rel: string): Link[] {
  const links: Link[] = [];
  walk(md.parse(fs.readFileSync(path.join(REPO_ROOT, rel), "utf8"), {}), (t, line) => {
    const target = t.type === "link_open" ? t.attrGet("href") : t.type === "image" ? t.attrGet("src") : null;
    if (target) links.push({ from: rel, line, target });
  });
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const tokens = md.parse(fs.readFileSync(file, "utf8"), {});
  tokens.forEach((t, i) => {
    if (t.type !== "heading_open") return;
    const text = (tokens[i + 1]?.children ?? [])
      .filter((c) => c.type === "text" || c.type === "code_inline")
      .map((c) => c.content)
      .join("");
    const slug = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  });
  return anchors;
}

/** What is wrong with a relative link, or undefined when it leads somewhere real. */
function brokenLink(link: Link): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.target) || link.target.startsWith("//")) return undefined; // another site
  const [rawPath = "", fragment] = link.target.split("#", 2);
  const file = rawPath === "" ? path.join(REPO_ROOT, link.from) : path.resolve(path.dirname(path.join(REPO_ROOT, link.from)), decodeURIComponent(rawPath));
  if (path.relative(REPO_ROOT, file).startsWith("..")) return "leads outside the repository";
  if (!fs.existsSync(file)) return "no such file";
  if (fragment !== undefined && file.endsWith(".md") && !anchorsOf(file).has(fragment)) return `no heading for #${fragment}`;
  return undefined;
}

describe("documentation links", () => {
  const links = DOCS.flatMap(linksOf);

  it("finds the pages and their links (the check below is not vacuous)", () => {
    expect(DOCS).toEqual(expect.arrayContaining(["README.md", "docs/authoring.md", "docs/publishing-moodle.md", "docs/publishing-xapi.md", "docs/reporting.md"]));
    expect(links.filter((l) => l.from === "README.md").length).toBeGreaterThan(10);
  });

  it("every relative link in README.md and docs/*.md leads to a file that exists (and to a heading, with #)", () => {
    const broken = links.flatMap((l) => {
      const why = brokenLink(l);
      return why ? [`${l.from}:${l.line}: ${l.target}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("the README links every page in docs/", () => {
    const linked = new Set(links.filter((l) => l.from === "README.md").map((l) => path.normalize(l.target.split("#")[0] ?? "")));
    const unlinked = DOCS.filter((d) => d !== "README.md" && !linked.has(path.normalize(d)));
    expect(unlinked).toEqual([]);
  });

  it("recognises a broken link and a missing heading", () => {
    expect(brokenLink({ from: "README.md", line: 1, target: "docs/no-such-page.md" })).toBe("no such file");
    expect(brokenLink({ from: "README.md", line: 1, target: "docs/authoring.md#no-such-heading" })).toBe("no heading for #no-such-heading");
    expect(brokenLink({ from: "docs/authoring.md", line: 1, target: "../../outside.md" })).toBe("leads outside the repository");
    expect(brokenLink({ from: "docs/authoring.md", line: 1, target: "reporting.md#xapi-tincan-package" })).toBeUndefined();
  });
});

describe("docs/authoring.md documents every field the content schemas know", () => {
  const authoring = fs.readFileSync(path.join(REPO_ROOT, "docs/authoring.md"), "utf8");
  /** The names written as code (`name`) in authoring.md. */
  const named = new Set([...authoring.matchAll(/`([^`\n]+)`/g)].map((m) => (m[1] ?? "").replace(/:$/, "")));
  const undocumented = (names: readonly string[]): string[] => names.filter((n) => !named.has(n));

  it("course.yaml", () => {
    const fields = knownFields(courseSchema, []);
    expect(fields).toContain("masteryScore");
    expect(undocumented(fields)).toEqual([]);
  });

  it("session front matter and quiz files", () => {
    expect(undocumented(knownFields(sessionFrontMatterSchema, []))).toEqual([]);
    expect(undocumented(knownFields(quizSchema, []))).toEqual([]);
  });

  it("every question type and each of its fields, choices, pairs and feedback", () => {
    expect(undocumented([...QUESTION_TYPES])).toEqual([]);
    for (const type of QUESTION_TYPES) {
      expect(undocumented(knownFields(questionSchemas[type], [])), type).toEqual([]);
    }
    expect(undocumented(knownFields(questionSchemas["single-choice"], ["choices", 0]))).toEqual([]);
    expect(undocumented(knownFields(questionSchemas.matching, ["pairs", 0]))).toEqual([]);
    expect(undocumented(knownFields(questionSchemas["single-choice"], ["feedback"]))).toEqual([]);
  });

  it("every reporting option and callout kind", () => {
    expect(undocumented([...REPORTING_OPTIONS, ...CALLOUT_KINDS])).toEqual([]);
  });
});
