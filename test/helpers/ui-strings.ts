// Finds Coursewright's English UI strings left in a page of a course built in another language: the text and
// attributes of the page (built, or its DOM as the runtime left it), the course's own text taken out first —
// the course stays in the language it was written in; only Coursewright's words must change.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { readLocale, textsOf } from "../../src/content/locales.js";
import type { Course, Question, Strings } from "../../src/model/course.js";
import { plainText } from "../../src/render/markdown.js";

/** Elements whose contents are the course's Markdown, rendered (pages, prompts, choices, feedback …). */
const AUTHOR_MARKUP = [
  ".cw-prose",
  ".cw-question:not(.cw-question--true-false) .cw-choice label",
  ".cw-feedback",
  ".cw-choice__feedback",
  ".cw-matching__source",
  ".cw-sequence__text",
  ".cw-quiz > p:not([class])",
].join(", ");

/** Attributes that hold ids, indexes or states, never words. */
const NOT_WORDS = /^(id|class|href|src|for|name|type|value|lang|dir|role|tabindex|aria-(controls|labelledby|describedby|current|expanded|live|invalid|hidden)|data-(?!done$|todo$|failed$).*)$/;

/** Every English UI text whose translation in `target` differs, cut at its placeholders: what must not show. */
export function englishFragments(target: Strings): string[] {
  const en = readLocale("en");
  const out = new Set<string>();
  for (const [key, value] of Object.entries(en)) {
    const theirs = target[key];
    for (const text of textsOf(value)) {
      if (theirs !== undefined && textsOf(theirs).includes(text)) continue;
      for (const part of text.split(/\{\d\}/)) {
        const fragment = part.trim();
        if (/\p{L}{2}/u.test(fragment)) out.add(fragment);
      }
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** The course's own plain texts (titles, prompts, answers …), longest first, to take out of the page's text. */
export function courseTexts(course: Course): string[] {
  const question = (q: Question): string[] => {
    const own = [q.prompt, q.feedback.correct ?? "", q.feedback.incorrect ?? ""];
    switch (q.type) {
      case "single-choice":
      case "multiple-response":
        return [...own, ...q.choices.flatMap((c) => [c.text, c.feedback ?? ""])];
      case "matching":
        return [...own, ...q.pairs.flatMap((p) => [p.source, p.target])];
      case "sequencing":
        return [...own, ...q.items];
      case "fill-in":
        return [...own, ...q.answers];
      case "true-false":
        return own;
    }
  };
  const quizzes = [...course.sessions.flatMap((s) => (s.check ? [s.check] : [])), ...(course.assessment ? [course.assessment] : [])];
  const texts = [
    course.title,
    course.description,
    ...course.sessions.flatMap((s) => [s.title, s.summary, ...s.pages.map((p) => p.title)]),
    // A callout's own title (`::: content-note Content note`) is the author's; one without is named by Coursewright.
    ...course.sessions.flatMap((s) => s.pages.flatMap((p) => [...p.markdown.matchAll(/^:::\s*[a-z][a-z-]*\s+(\S.*)$/gm)].map((m) => m[1] ?? ""))),
    ...quizzes.flatMap((q) => [q.title, q.intro ?? "", ...q.questions.flatMap(question)]),
    // A reflection's prompt, as the completion page's list of reflections repeats it.
    ...course.sessions.flatMap((s) => s.pages.flatMap((p) => (p.reflections ?? []).map((r) => r.prompt))),
  ];
  return [...new Set(texts.flatMap((t) => [t, plainText(t)]).filter((t) => t.trim().length > 0))].sort((a, b) => b.length - a.length);
}

/** The words a learner meets in `html`: text nodes and worded attributes, the course's Markdown left out. */
export function pageWords(html: string): string[] {
  const doc = new JSDOM(html).window.document;
  const out: string[] = [doc.title];
  // A prompt is the question's number (Coursewright's) and then the author's Markdown.
  for (const legend of doc.querySelectorAll(".cw-question__prompt")) {
    for (const node of [...legend.childNodes]) if (!(node.nodeType === 1 && (node as Element).classList.contains("cw-question__number"))) node.remove();
  }
  for (const el of doc.querySelectorAll(AUTHOR_MARKUP)) {
    // A callout's title is Coursewright's word when the author gave none.
    const titles = [...el.querySelectorAll(".cw-callout__title")].map((t) => t.textContent ?? "");
    const labels = [...el.querySelectorAll("aside[aria-label]")].map((a) => a.getAttribute("aria-label") ?? "");
    el.replaceChildren();
    out.push(...titles, ...labels);
  }
  for (const el of doc.querySelectorAll("script, style, title")) el.remove();
  const walker = doc.createTreeWalker(doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.textContent ?? "");
  for (const el of doc.querySelectorAll("*")) {
    for (const attr of el.attributes) if (!NOT_WORDS.test(attr.name)) out.push(attr.value);
  }
  return out.map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean);
}

/** Each English UI fragment found in the page's words (after the course's texts are taken out), with where. */
export function englishLeft(html: string, course: Course, fragments = englishFragments(course.locale.strings)): string[] {
  const own = courseTexts(course).map((t) => t.replace(/\s+/g, " ").trim());
  const found: string[] = [];
  for (const words of pageWords(html)) {
    let rest = words;
    for (const t of own) if (rest.includes(t)) rest = rest.split(t).join(" \u0000 ");
    for (const fragment of fragments) {
      const at = new RegExp(`(?<![\\p{L}\\p{N}])${fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "u");
      if (at.test(rest)) found.push(`"${fragment}" in "${words.slice(0, 120)}"`);
    }
  }
  return [...new Set(found)];
}

/** The launch pages (the HTML files at the root) of an unpacked package. */
export function launchPages(dir: string): { name: string; html: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".html"))
    .map((name) => ({ name, html: fs.readFileSync(path.join(dir, name), "utf8") }));
}
