// Compiled templates, kept by a hash of their text so a build does not compile Handlebars templates again:
// the built-in ones precompiled when the CLI itself is compiled (templates.json beside the compiled
// modules, scripts/compile.mjs), any other (an author's override, a built-in one edited since) in the cache
// folder (cache-folder.ts). An entry is only ever found by the hash of the very text it was compiled from, so a changed
// template is never served stale; an entry that cannot be read or does not look right is ignored.
import crypto from "node:crypto";
import fs from "node:fs";
import Handlebars from "handlebars";
import { readCached, writeCached } from "../cache-folder.js";

/**
 * The helpers templates may call; any other `{{name arg}}` is an error when the template is loaded.
 * `{{t "key" arg…}}`: the course's string `key` (locales/*.yaml, course.yaml strings:), escaped, `{0}`… filled
 * with the arguments (numbers formatted for the language; a count's string chosen by its first argument).
 * `(slot "name")`: an empty `<span data-cw="name">` the runtime fills, as an argument of `t` where it sits in
 * the sentence (the certificate's score and date).
 */
export const KNOWN_HELPERS = Object.freeze({ eq: true, json: true, t: true, slot: true } as const);
/** Frozen: Handlebars' precompile() writes into the options it is given (template-precompile.ts passes a copy). */
export const COMPILE_OPTIONS = Object.freeze({ knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true } as const);

/** A template compiled, with what loading checks about it (partials it includes, strings it names). */
export interface Precompiled {
  readonly key: string;
  /** Handlebars' precompiled form: JavaScript source of the template's spec object. */
  readonly spec: string;
  readonly partials: readonly { readonly name: string; readonly line: number }[];
  readonly strings: readonly { readonly key: string; readonly line: number }[];
}

/** The cache key of a template's text: its hash with everything else that shapes the compiled form. */
export function templateKey(text: string): string {
  return crypto.createHash("sha256").update(`${Handlebars.VERSION}\0${JSON.stringify(COMPILE_OPTIONS)}\0${text}`).digest("hex");
}

let builtin: Map<string, Precompiled> | undefined;
/** The built-in templates precompiled with the CLI; none when running from src/. */
function builtinEntries(): Map<string, Precompiled> {
  if (!builtin) {
    builtin = new Map();
    try {
      const listed: unknown = JSON.parse(fs.readFileSync(new URL("./templates.json", import.meta.url), "utf8"));
      if (Array.isArray(listed)) for (const e of listed) if (isPrecompiled(e)) builtin.set(e.key, e);
    } catch {
      // not compiled with the CLI, or unreadable: every template is compiled or found in the cache folder
    }
  }
  return builtin;
}

export function cachedTemplate(key: string): Precompiled | undefined {
  const found = builtinEntries().get(key);
  if (found) return found;
  const text = readCached("templates", key);
  if (text === undefined) return undefined;
  try {
    const entry: unknown = JSON.parse(text);
    return isPrecompiled(entry) && entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a compiled template for the next build; a cache that cannot be written only costs the time. */
export function storeTemplate(entry: Precompiled): void {
  if (!builtinEntries().has(entry.key)) writeCached("templates", entry.key, JSON.stringify(entry));
}

/** The template function of a precompiled spec, bound to `env` (its helpers and partials). */
export function templateOf(env: typeof Handlebars, entry: Precompiled): HandlebarsTemplateDelegate {
  // The spec is Handlebars' own precompiler output (or read back from the cache, checked by its key),
  // evaluated as its precompiled-template files are.
  const spec = new Function(`return ${entry.spec};`)() as TemplateSpecification;
  return env.template(spec);
}

export function templateOrUndefined(env: typeof Handlebars, entry: Precompiled): HandlebarsTemplateDelegate | undefined {
  try {
    return templateOf(env, entry);
  } catch {
    return undefined;
  }
}

function isPrecompiled(e: unknown): e is Precompiled {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  const lines = (v: unknown, name: string): boolean =>
    Array.isArray(v) && v.every((x: unknown) => typeof x === "object" && x !== null && typeof (x as Record<string, unknown>)[name] === "string" && typeof (x as Record<string, unknown>).line === "number");
  return typeof o.key === "string" && typeof o.spec === "string" && lines(o.partials, "name") && lines(o.strings, "key");
}
