// Page blocks (issue #12 §1): the markup the build writes for accordion, tabs, reveal, key points, quote
// with attribution and figure credit; the tabs script on that markup in jsdom (keys, roving tabindex, rtl);
// and every malformed block as a content error at its file and line, through the real loader.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { readLocale } from "../src/content/locales.js";
import type { Page } from "../src/model/course.js";
import { renderPage } from "../src/render/markdown.js";
import { Words } from "../src/render/words.js";
import { setupTabs } from "../src/runtime/blocks/tabs.js";
import { exportCourse, importTranslation } from "../src/translate/translate.js";
import { contentFixture } from "./helpers/content-fixture.js";

const page = (markdown: string, assetRefs: Record<string, string> = {}): Page => ({ id: "p", title: "P", markdown, assetRefs, source: "x.md", line: 1 });
const html = (markdown: string, words = Words.english(), domId = "page-s-p"): string => renderPage(page(markdown), words, domId);
const dom = (markdown: string, words?: Words): Document => new JSDOM(`<!doctype html><html dir="${words?.dir ?? "ltr"}"><body><div class="cw-prose">${html(markdown, words)}</div></body></html>`).window.document;
const de = new Words(readLocale("de"), "de");
const ar = new Words(readLocale("ar"), "ar");

const ACCORDION = `::: accordion
## Hope
We believe in the reality of recovery for all and that:

- Peer workers are powerful role models.
## Experience
We are all experts in our own experience.
:::`;

const TABS = `::: tabs The three roles
## Victim
The victim either takes on or accepts the role of a mistreated, persecuted person.
## Persecutor
The persecutor pressures or bullies the victim.
## Rescuer
The rescuer rushes to defend the victim.
:::`;

describe("block markup", () => {
  it("accordion: one native <details> per item, its title the <summary>, its text inside; no heading left", () => {
    const d = dom(ACCORDION);
    const items = [...d.querySelectorAll(".cw-accordion > details.cw-accordion__item")];
    expect(items.map((i) => i.querySelector(":scope > summary")?.textContent)).toEqual(["Hope", "Experience"]);
    expect(items[0]?.querySelector(".cw-accordion__body li")?.textContent).toBe("Peer workers are powerful role models.");
    expect(items[1]?.querySelector(".cw-accordion__body")?.textContent?.trim()).toBe("We are all experts in our own experience.");
    expect(items.every((i) => !i.hasAttribute("open"))).toBe(true);
    expect(d.querySelectorAll("h2")).toHaveLength(0);
  });

  it("tabs: a hidden tab list (named by the block's label) whose tabs control their panels; each panel a section under its heading", () => {
    const d = dom(TABS);
    const list = d.querySelector(".cw-tabs > .cw-tabs__list");
    expect(list?.getAttribute("role")).toBe("tablist");
    expect(list?.getAttribute("aria-label")).toBe("The three roles");
    expect(list?.hasAttribute("hidden")).toBe(true);
    const tabs = [...(list?.querySelectorAll("button") ?? [])];
    expect(tabs.map((t) => [t.textContent, t.getAttribute("role"), t.getAttribute("type")])).toEqual([
      ["Victim", "tab", "button"],
      ["Persecutor", "tab", "button"],
      ["Rescuer", "tab", "button"],
    ]);
    const panels = [...d.querySelectorAll(".cw-tabs > section.cw-tabs__panel")];
    expect(panels).toHaveLength(3);
    panels.forEach((panel, i) => {
      const tab = tabs[i];
      expect(panel.id).toBe(`page-s-p-tabs1-${i}-panel`);
      expect(tab?.getAttribute("aria-controls")).toBe(panel.id);
      expect(panel.getAttribute("aria-labelledby")).toBe(tab?.id);
      expect(panel.getAttribute("role")).toBe("tabpanel");
      expect(panel.firstElementChild?.tagName).toBe("H2");
      expect(panel.firstElementChild?.textContent).toBe(tab?.textContent);
      // Without script nothing is hidden: every panel reads in order.
      expect(panel.hasAttribute("hidden")).toBe(false);
    });
    // A second block on the page gets ids of its own; a block without a label is named in the course's language.
    const two = dom(`${TABS}\n\n::: tabs\n## A\na\n## B\nb\n:::`, de);
    expect(new Set([...two.querySelectorAll("[id]")].map((e) => e.id)).size).toBe(two.querySelectorAll("[id]").length);
    expect(two.querySelectorAll(".cw-tabs__list")[1]?.getAttribute("aria-label")).toBe("Themen");
  });

  it("reveal: the prompt and what is above '---' shown, the rest behind a <details> named in the course's language", () => {
    const src = "::: reveal What might the person be feeling?\nThink about it before you look.\n\n---\n\nPerhaps overwhelmed.\n:::";
    const d = dom(src);
    const card = d.querySelector(".cw-reveal");
    expect(card?.querySelector(".cw-reveal__prompt")?.textContent).toBe("What might the person be feeling?");
    expect(card?.querySelector(":scope > p:not(.cw-reveal__prompt)")?.textContent).toBe("Think about it before you look.");
    const back = card?.querySelector(":scope > details.cw-reveal__back");
    expect(back?.querySelector("summary")?.textContent).toBe("Show the answer");
    expect(back?.querySelector(".cw-reveal__answer")?.textContent?.trim()).toBe("Perhaps overwhelmed.");
    expect(back?.hasAttribute("open")).toBe(false);
    // `---` right under the text (a setext heading in CommonMark) is the same separator, the text a paragraph.
    expect(html(src.replace("look.\n\n---", "look.\n---"))).toBe(html(src));
    expect(dom(src, de).querySelector("summary")?.textContent).toBe("Antwort zeigen");
  });

  it("key points: a region named by its title (or the course's word), holding the list", () => {
    const d = dom("::: key-points\n- Risk has positive and negative aspects.\n- Sharing decisions.\n:::");
    const box = d.querySelector("section.cw-key-points");
    expect(box?.getAttribute("aria-label")).toBe("Key points");
    expect(box?.querySelector(".cw-key-points__title")?.textContent).toBe("Key points");
    expect([...(box?.querySelectorAll("li") ?? [])].map((l) => l.textContent)).toEqual(["Risk has positive and negative aspects.", "Sharing decisions."]);
    expect(dom("::: key-points\n- a\n:::", ar).querySelector(".cw-key-points")?.getAttribute("aria-label")).toBe("النقاط الرئيسية");
    expect(dom("::: key-points When considering risk\n- a\n:::").querySelector(".cw-key-points__title")?.textContent).toBe("When considering risk");
  });

  it("quote: a blockquote whose last line starts with a dash is a <figure> with the quotation and its attribution", () => {
    const quoted = "‘Traumatic reactions occur when action is of no avail.’";
    for (const src of [`> ${quoted}\n> — Herman, 1992`, `> ${quoted}\n>\n> — Herman, 1992`, `> ${quoted}\n> -- Herman, 1992`]) {
      const d = dom(src);
      const fig = d.querySelector("figure.cw-quote");
      expect(fig?.querySelector(":scope > blockquote")?.textContent?.trim(), src).toBe(quoted);
      expect(fig?.querySelector(":scope > figcaption.cw-quote__by")?.textContent, src).toBe("— Herman, 1992");
    }
    // Inline Markdown in the attribution is rendered; a blockquote without one stays as it was.
    expect(dom(`> ${quoted}\n> — Judith Herman, *Trauma and Recovery*`).querySelector("figcaption em")?.textContent).toBe("Trauma and Recovery");
    expect(html(`> ${quoted}`)).toBe(`<blockquote>\n<p>${quoted}</p>\n</blockquote>\n`);
  });

  it("figure: the image title's caption, then ' | ' and the credit, shown as the caption's second line", () => {
    const d = new JSDOM(renderPage(page(`![A lighthouse at dusk](a.png "Kinnaird Head | Photo: A. Author, CC BY 4.0")`, { "a.png": "assets/a.png" }))).window.document;
    const cap = d.querySelector("figure.cw-figure > figcaption");
    expect(cap?.firstChild?.textContent).toBe("Kinnaird Head");
    expect(cap?.querySelector(".cw-figure__credit")?.textContent).toBe("Photo: A. Author, CC BY 4.0");
    expect(d.querySelector("img")?.hasAttribute("title")).toBe(false);
    // Without a credit the figure is as before.
    expect(renderPage(page(`![A lighthouse](a.png "Kinnaird Head")`))).not.toContain("cw-figure__credit");
  });

  it("callouts are unchanged beside the blocks", () => {
    expect(dom("::: tip\nTry this.\n:::").querySelector("aside.cw-callout--tip .cw-callout__title")?.textContent).toBe("Tip");
  });
});

describe("the tabs script (jsdom)", () => {
  const setUp = (words?: Words): { d: Document; tabs: HTMLElement[]; panels: HTMLElement[]; key: (k: string) => void } => {
    const d = dom(TABS, words);
    setupTabs(d);
    const tabs = [...d.querySelectorAll<HTMLElement>("[role=tab]")];
    const panels = [...d.querySelectorAll<HTMLElement>("[role=tabpanel]")];
    const key = (k: string): void => void d.activeElement?.dispatchEvent(new d.defaultView!.KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
    return { d, tabs, panels, key };
  };
  const state = (tabs: HTMLElement[], panels: HTMLElement[]): string[] =>
    tabs.map((t, i) => `${t.getAttribute("aria-selected")}/${t.tabIndex}/${panels[i]?.hidden ? "hidden" : "shown"}`);

  it("shows the list, selects the first tab and shows only its panel; arrows, Home and End move selection and focus, wrapping", () => {
    const { d, tabs, panels, key } = setUp();
    expect(d.querySelector(".cw-tabs__list")?.hasAttribute("hidden")).toBe(false);
    expect(state(tabs, panels)).toEqual(["true/0/shown", "false/-1/hidden", "false/-1/hidden"]);
    tabs[0]?.focus();
    key("ArrowRight");
    expect(d.activeElement).toBe(tabs[1]);
    expect(state(tabs, panels)).toEqual(["false/-1/hidden", "true/0/shown", "false/-1/hidden"]);
    key("End");
    expect(d.activeElement).toBe(tabs[2]);
    key("ArrowRight");
    expect(d.activeElement).toBe(tabs[0]);
    key("ArrowLeft");
    expect(d.activeElement).toBe(tabs[2]);
    key("Home");
    expect(d.activeElement).toBe(tabs[0]);
    expect(state(tabs, panels)).toEqual(["true/0/shown", "false/-1/hidden", "false/-1/hidden"]);
    // Other keys are left to the browser; a click selects without moving focus into the list first.
    key("ArrowDown");
    expect(d.activeElement).toBe(tabs[0]);
    tabs[2]?.click();
    expect(state(tabs, panels)[2]).toBe("true/0/shown");
  });

  it("in a right-to-left page Left moves to the next tab and Right to the previous, as the tabs are laid out", () => {
    const { d, tabs, key } = setUp(ar);
    tabs[0]?.focus();
    key("ArrowLeft");
    expect(d.activeElement).toBe(tabs[1]);
    key("ArrowRight");
    expect(d.activeElement).toBe(tabs[0]);
  });
});

describe("malformed blocks are content errors at their file and line", () => {
  const S12 = "sessions/12-useful-resources.md";
  /** Appends a page holding `block` to session 12 and returns its problems as `line: message`. */
  const problems = (block: string): { at: (needle: string) => number; messages: string[] } => {
    const fx = contentFixture();
    fx.mutate(S12, (t) => `${t}\n# Blocks\n\n${block}\n`);
    let caught: unknown;
    try {
      loadCourse(fx.dir);
    } catch (err) {
      caught = err;
    }
    if (!(caught instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(caught)}`);
    const mine = caught.problems.filter((p) => p.file.endsWith("12-useful-resources.md"));
    return { at: (needle) => fx.lineOf(S12, needle), messages: mine.map((p) => `${p.line}: ${p.message}`) };
  };
  const cases: readonly { name: string; block: string; line: string; message: string }[] = [
    { name: "an empty accordion", block: "::: accordion\n:::", line: "::: accordion", message: "the '::: accordion' block is empty" },
    { name: "text before an accordion's first item", block: "::: accordion\nIntro.\n## A\na\n:::", line: "Intro.", message: "text before the first item of a '::: accordion' block" },
    { name: "a heading inside an accordion item", block: "::: accordion\n## A\na\n### Deeper\nb\n:::", line: "### Deeper", message: "an accordion item holds no headings" },
    { name: "a title on an accordion", block: "::: accordion The values\n## A\na\n:::", line: "::: accordion The values", message: "an accordion has no title of its own" },
    { name: "an accordion left open", block: "::: accordion\n## A\na\n\n# Next page\n\nText.", line: "::: accordion", message: "this '::: accordion' block is not closed" },
    { name: "a link in a tab's title", block: "::: tabs\n## See [this](https://example.org)\na\n## B\nb\n:::", line: "## See [this]", message: "a tab title holds a link" },
    { name: "an image in an accordion item's title", block: "::: accordion\n## ![A triangle](../images/drama-triangle.svg)\na\n:::", line: "## ![A triangle]", message: "an accordion item's title holds an image" },
    { name: "a block left open at the end of the session", block: "::: key-points\n- a\n- b", line: "::: key-points", message: "this '::: key-points' block is not closed: end it with a ':::' line" },
    { name: "an outer block closed only by its inner block's fence", block: ":::: reveal Think\n::: tip\nHint.\n:::\n---\nBack.\n:::", line: ":::: reveal", message: "end it with a '::::' line" },
    { name: "tabs with one tab", block: "::: tabs\n## Only\na\n:::", line: "::: tabs", message: "needs at least two tabs" },
    { name: "text before the first tab", block: "::: tabs\nIntro.\n## A\na\n## B\nb\n:::", line: "Intro.", message: "text before the first tab" },
    { name: "a reveal without '---'", block: "::: reveal Think\nAnswer.\n:::", line: "::: reveal Think", message: "needs a line '---' between" },
    { name: "a reveal with two '---'", block: "::: reveal Think\n\n---\n\nOne.\n\n***\n\nTwo.\n:::", line: "***", message: "this is a second one" },
    { name: "a reveal that hides nothing", block: "::: reveal Think\nFront.\n\n----\n:::", line: "----", message: "the reveal hides nothing" },
    { name: "a reveal that shows nothing", block: "::: reveal\n---\nBack.\n:::", line: "::: reveal", message: "the reveal shows nothing before its '---'" },
    { name: "key points without a list", block: "::: key-points\nJust a sentence.\n:::", line: "::: key-points", message: "lists its points" },
    { name: "a quote that is only an attribution", block: "> — Herman, 1992", line: "> — Herman", message: "the quote has an attribution but nothing quoted" },
    { name: "an empty attribution", block: "> ‘Quoted.’\n> —", line: "> —", message: "the quote's attribution is empty" },
    { name: "a credit on an image inside text", block: 'See ![A triangle](../images/drama-triangle.svg "Triangle | Me") here.', line: "See ![A triangle]", message: "has a credit but is not a figure" },
    { name: "an empty credit", block: '![A triangle](../images/drama-triangle.svg "Triangle | ")', line: "![A triangle]", message: "has an empty credit" },
    { name: "a credit without caption", block: '![A triangle](../images/drama-triangle.svg " | Me")', line: "![A triangle]", message: "has a credit but no caption" },
  ];
  it.each(cases)("$name", ({ block, line, message }) => {
    const { at, messages } = problems(block);
    expect(messages).toEqual([expect.stringMatching(new RegExp(`^${at(line)}: .*${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))]);
  });

  it("a misspelt block name is suggested (it would otherwise read as an unknown callout)", () => {
    const { at, messages } = problems("::: acordion\n## A\na\n:::");
    expect(messages).toEqual([`${at("::: acordion")}: unknown callout kind 'acordion'; expected one of: note, tip, warning, content-note — did you mean the block '::: accordion'?`]);
  });

  it("well-formed blocks load, and their pages keep their Markdown", () => {
    const fx = contentFixture();
    fx.mutate(S12, (t) => `${t}\n# Blocks\n\n${ACCORDION}\n\n${TABS}\n\n::: reveal Think\n---\nBack.\n:::\n\n::: key-points\n- a\n:::\n\n> ‘Q.’\n> — A, 2000\n`);
    const course = loadCourse(fx.dir);
    const blocks = course.sessions.at(-1)?.pages.at(-1);
    expect(blocks?.title).toBe("Blocks");
    expect(blocks?.markdown).toContain("::: tabs The three roles");
  });
});

describe("block titles in a translation (coursewright translate)", () => {
  it("exports the tab list's label, the reveal's prompt and the key points' title as units, and imports them back onto their ':::' lines", () => {
    const fx = contentFixture();
    const S12 = "sessions/12-useful-resources.md";
    fx.mutate(S12, (t) => `${t}\n# Blocks\n\n${TABS}\n\n::: reveal Think first\nFront.\n---\nBack.\n:::\n\n::: key-points In short\n- a\n:::\n`);
    const xlf = path.join(fx.root, "de.xlf");
    exportCourse({ contentDir: fx.dir, to: "de", out: xlf });
    const xml = fs.readFileSync(xlf, "utf8");
    const base = "session/useful-resources/page/blocks";
    const source = (id: string): string | undefined => new RegExp(`<trans-unit id="${id}"[^>]*>\\s*<source>([^<]*)</source>`).exec(xml)?.[1];
    expect([source(`${base}/tabs1/title`), source(`${base}/reveal1/title`), source(`${base}/key-points1/title`)]).toEqual(["The three roles", "Think first", "In short"]);
    const targets: Record<string, string> = { "tabs1/title": "Die drei Rollen", "reveal1/title": "Erst nachdenken", "key-points1/title": "Kurz gesagt" };
    fs.writeFileSync(
      xlf,
      xml.replace(/(<trans-unit id="([^"]+)"[^>]*>\s*<source>([\s\S]*?)<\/source>)/g, (all, unit: string, id: string, text: string) => {
        const mine = Object.entries(targets).find(([k]) => id === `${base}/${k}`)?.[1];
        return `${unit}<target state="translated">${mine ?? text}</target>`;
      }),
    );
    const out = path.join(fx.root, "de");
    importTranslation({ file: xlf, contentDir: fx.dir, out });
    const written = fs.readFileSync(path.join(out, S12), "utf8");
    expect(written).toContain("::: tabs Die drei Rollen\n");
    expect(written).toContain("::: reveal Erst nachdenken\n");
    expect(written).toContain("::: key-points Kurz gesagt\n");
  });
});
