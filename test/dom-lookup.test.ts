// The runtime's remembered lookups (ui/dom.ts `one`, behind `$` and `questionElement`), in jsdom: a lookup in
// the whole document is kept while its element stays in the document, and never answers for another root, an
// element that left the document, or a miss that an element added later now matches.
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { $, one } from "../src/runtime/ui/dom.js";
import { questionElement } from "../src/runtime/ui/question-dom.js";

function page(): Document {
  return new JSDOM(
    `<header><p data-cw="progress-text">0%</p></header>
     <section data-quiz="q1" data-question="0"><span data-cw="mark">a</span></section>
     <section data-quiz="q1" data-question="1"><span data-cw="mark">b</span></section>`,
  ).window.document;
}

describe("remembered DOM lookups", () => {
  it("answers a whole-document lookup with the same element while it stays in the document", () => {
    const doc = page();
    const first = $(doc, "progress-text");
    expect(first?.textContent).toBe("0%");
    let walks = 0;
    const walk = doc.querySelector.bind(doc);
    doc.querySelector = ((selector: string) => (walks++, walk(selector))) as Document["querySelector"];
    expect($(doc, "progress-text")).toBe(first);
    expect(walks).toBe(0);
    expect(questionElement(doc, "q1", 1)?.textContent).toBe("b");
  });

  it("looks again once the element found has left the document", () => {
    const doc = page();
    const old = $(doc, "progress-text");
    const fresh = doc.createElement("p");
    fresh.dataset["cw"] = "progress-text";
    fresh.textContent = "new";
    old?.replaceWith(fresh);
    expect($(doc, "progress-text")).toBe(fresh);
  });

  it("finds an element added after a lookup that found none", () => {
    const doc = page();
    expect($(doc, "banner")).toBeNull();
    const banner = doc.createElement("div");
    banner.dataset["cw"] = "banner";
    doc.body.append(banner);
    expect($(doc, "banner")).toBe(banner);
  });

  it("searches under another root each time, never answering from the document's lookups", () => {
    const doc = page();
    expect($(doc, "mark")?.textContent).toBe("a");
    const second = questionElement(doc, "q1", 1);
    if (!second) throw new Error("no question 1");
    expect($(second, "mark")?.textContent).toBe("b");
    expect(one(second, '[data-cw="progress-text"]')).toBeNull();
  });

  it("keeps each document's lookups apart", () => {
    const a = page();
    const b = page();
    expect($(a, "progress-text")).not.toBe($(b, "progress-text"));
    expect($(b, "progress-text")?.ownerDocument).toBe(b);
  });
});
