// The runtime core's own property names that esbuild shortens (src/runtime/bundle-options.json
// `internalProps`, scripts/runtime-minify.mjs): safe only while none of them is read or written outside the
// core's script — by a feature (a script of its own, minified apart), the page's runtime data (made by the
// build), or the browser (a DOM property). What leaves as a statement, an LMS value or stored state is checked
// by the journeys and the LRS's validation.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { planUnits } from "../src/model/units.js";
import { RUNTIME_BUNDLE_OPTIONS } from "../src/paths.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { RUNTIME_FEATURES } from "../src/runtime/features.js";
import { REPO_ROOT } from "./helpers/content-fixture.js";

const names = (JSON.parse(fs.readFileSync(RUNTIME_BUNDLE_OPTIONS, "utf8")) as { internalProps: string[] }).internalProps;

describe("the runtime's internal property names", () => {
  it("are there to shorten", () => expect(names.length).toBeGreaterThan(20));

  it("are used by no optional feature's script", async () => {
    const esbuild = await import("esbuild");
    for (const { id } of RUNTIME_FEATURES) {
      const result = await esbuild.build({ entryPoints: [path.join(REPO_ROOT, "src", "runtime", "features", `${id}.ts`)], bundle: true, write: false, format: "iife", logLevel: "silent" });
      const code = result.outputFiles[0]!.text.replace(/\/\/.*$/gm, "");
      expect(names.filter((n) => new RegExp(`\\b${n}\\b`).test(code)), id).toEqual([]);
    }
  });

  it("are no key of the runtime data of any unit", () => {
    const course = loadCourse(path.join(REPO_ROOT, "content"));
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      }
    };
    for (const perSession of [false, true]) for (const unit of planUnits(course, perSession)) walk(runtimeCourse(course, unit));
    expect(keys.size).toBeGreaterThan(20);
    expect(names.filter((n) => keys.has(n))).toEqual([]);
  });

  it("are no data-* attribute the build writes or the runtime reads (element.dataset.<name>)", () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(hbs|ts)$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const attributes = new Set(
      [...files(path.join(REPO_ROOT, "templates")), ...files(path.join(REPO_ROOT, "src"))].flatMap((f) =>
        [...fs.readFileSync(f, "utf8").matchAll(/data-([a-z][a-z-]*)/g)].map((m) => m[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())),
      ),
    );
    expect(attributes.has("save")).toBe(true); // the exit screen's data-save: why Tracker.save stays whole
    expect(names.filter((n) => attributes.has(n))).toEqual([]);
  });

  it("are no property of the window, the document, an element (media, form controls, links) or an event", () => {
    const { window } = new JSDOM("<p>", { url: "http://127.0.0.1/" });
    const chain = (o: object | null): string[] => (o ? [...Object.getOwnPropertyNames(o), ...chain(Object.getPrototypeOf(o))] : []);
    const dom = new Set([...chain(window), ...chain(window.document), ...["body", "img", "video", "input", "select", "button", "progress", "dialog", "details", "a"].flatMap((t) => chain(window.document.createElement(t))), ...chain(new window.Event("x")), ...chain(window.localStorage), ...chain(new window.AbortController())]);
    expect(dom.size).toBeGreaterThan(200);
    expect(names.filter((n) => dom.has(n))).toEqual([]);
  });
});
