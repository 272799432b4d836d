// YAML parsing that remembers where every value came from, for file:line errors. A well-formed text's
// outcome (its values as JSON, the line of every value and key) is kept by the text for the next build: in
// this process (text-memo.ts, for preview's watch mode) and in the cache folder (cache-folder.ts, for the
// next CLI run: the yaml package's parse is most of a build's content step, ≈ 1.5 µs per byte). Either way
// the lines are looked up in the same tables, so a build reports the same lines with or without a cache.
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { readCached, writeCached } from "../cache-folder.js";
import type { ProblemList } from "./errors.js";
import { describeChar, findNonXmlChar } from "./read-text.js";
import { TextMemo } from "../text-memo.js";

/** Alias uses allowed when building values: far above any course, far below a "billion laughs" expansion. */
const MAX_ALIAS_COUNT = 100;
/** Changes whenever what is kept changes shape; with the parser's version, part of every entry's key. */
const CACHE_FORMAT = `yaml-source 1, yaml ${yamlVersion()}, aliases ${MAX_ALIAS_COUNT}`;

/** The installed yaml package's version (the compiled CLI bundles the one installed when it was compiled). */
function yamlVersion(): string {
  try {
    return (createRequire(import.meta.url)("yaml/package.json") as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Line (1-based, in the file) of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: FieldPath): number;
  /** Line of the key of the field at `path` (a key whose value is a list or mapping starts the line above it). */
  keyLineOf(path: FieldPath): number;
}

/** A well-formed text: its values, and lines (1-based, in the text) by field path (pathKey). */
interface Parsed {
  /** A fresh copy of the values each time: callers may change what they get. */
  readonly data: () => unknown;
  readonly lines: Readonly<Record<string, number>>;
  readonly keyLines: Readonly<Record<string, number>>;
}

/** What is wrong with a text that is not usable YAML: the first problem, at a line (and column) of the text. */
interface Refused {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

const outcomes = new TextMemo<Parsed | Refused>(8_192);

const pathKey = (path: FieldPath): string => path.join("\u0000");

/**
 * Parses `text` (which starts at line `firstLine` of `file`), reporting syntax errors to `problems`.
 * Returns undefined when the YAML is not well-formed.
 */
export function parseYaml(text: string, file: string, problems: ProblemList, firstLine = 1): YamlSource | undefined {
  const outcome = outcomes.get(
    text,
    () => {
      const key = cacheKey(text);
      return stored(key) ?? parse(text, key);
    },
    (o) => "lines" in o,
  );
  if (!("lines" in outcome)) {
    const line = outcome.line + firstLine - 1;
    if (outcome.column === undefined) problems.add(file, line, outcome.message);
    else problems.addProblem({ file, line, column: outcome.column, message: outcome.message });
    return undefined;
  }
  const { lines, keyLines } = outcome;
  const lineOf = (path: FieldPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const line = lines[pathKey(path.slice(0, n))];
      if (line !== undefined) return line + firstLine - 1;
    }
    return firstLine;
  };
  const keyLineOf = (path: FieldPath): number => {
    const line = keyLines[pathKey(path)];
    return line === undefined ? lineOf(path) : line + firstLine - 1;
  };
  return { file, data: outcome.data(), lineOf, keyLineOf };
}

const cacheKey = (text: string): string => crypto.createHash("sha256").update(CACHE_FORMAT).update("\0").update(text).digest("hex");

/** The outcome a build kept for the text of `key` (cacheKey), if it is there and whole. */
function stored(key: string): Parsed | undefined {
  const kept = readCached("yaml", key);
  if (kept === undefined) return undefined;
  try {
    const entry = JSON.parse(kept) as { json?: unknown; lines?: unknown; keyLines?: unknown };
    const { json, lines, keyLines } = entry;
    if (typeof json !== "string" || !isLineTable(lines) || !isLineTable(keyLines)) return undefined;
    return { data: () => JSON.parse(json) as unknown, lines, keyLines };
  } catch {
    return undefined;
  }
}

const isLineTable = (v: unknown): v is Record<string, number> => typeof v === "object" && v !== null && Object.values(v).every((n) => Number.isInteger(n));

/** Parses `text`; a well-formed outcome JSON can hold is kept under `key` for the next process. */
function parse(text: string, key: string): Parsed | Refused {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): number => counter.linePos(offset).line;
  const first = doc.errors[0];
  if (first) {
    // Only the first syntax error: the ones after it are mostly consequences of it, at misleading lines.
    const { offset, message } = describeYamlError(first, doc, counter);
    return { line: at(offset), message: `invalid YAML: ${message}` };
  }
  // YAML 1.2 §5.7 escapes (`"\x01"`, `"\uD800"`) reach characters the file itself cannot hold; XML 1.0 §2.2 allows none of them.
  let escaped: { offset: number; codePoint: number } | undefined;
  visit(doc, {
    Scalar(_, node) {
      const found = typeof node.value === "string" ? findNonXmlChar(node.value) : undefined;
      if (found && !escaped && node.range) escaped = { offset: node.range[0], codePoint: found.codePoint };
    },
  });
  if (escaped) {
    const { offset, codePoint } = escaped;
    return { line: at(offset), column: counter.linePos(offset).col, message: `${describeChar(codePoint)}, written as an escape in this text, is not allowed in course text; delete it` };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    // The yaml package refuses aliases that expand exponentially (an "alias bomb"), or an unknown anchor.
    let line = 1;
    visit(doc, { Alias(_, node) { if (node.range && line === 1) line = at(node.range[0]); } });
    const bomb = /alias count/i.test(err.message);
    return { line, message: bomb ? `YAML aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, as in a "billion laughs" attack; write the values out instead` : `invalid YAML: ${err.message}` };
  }
  // The line of every value and of every mapping key, by path (the values of an alias are its own line).
  const lines: Record<string, number> = {};
  const keyLines: Record<string, number> = {};
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isNode(node) && node.range) lines[pathKey(path)] = at(node.range[0]);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const inner = [...path, String(pair.key.value)];
        if (pair.key.range) keyLines[pathKey(inner)] = at(pair.key.range[0]);
        walk(pair.value, inner);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  if (!survivesJson(data)) return { data: () => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, lines, keyLines };
  const json = JSON.stringify(data);
  writeCached("yaml", key, JSON.stringify({ json, lines, keyLines }));
  return { data: () => JSON.parse(json) as unknown, lines, keyLines };
}

/** Whether JSON gives `value` back as it is: plain objects, arrays, strings, booleans, null, finite numbers (not -0). */
function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([k, v]) => k !== "__proto__" && survivesJson(v));
}

/** Where the author has to look for a syntax error, and what to tell them (the yaml package reports some at a later line). */
function describeYamlError(err: YAMLError, doc: Document, counter: LineCounter): { offset: number; message: string } {
  const message = err.message.split("\n")[0] ?? err.message;
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  if (err.code === "MISSING_CHAR" && /closing .?quote/.test(message)) {
    // Reported where the file ends; the mistake is the opening quote of the unterminated text.
    let start: number | undefined;
    visit(doc, {
      Scalar(_, node) {
        if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range?.[1] === err.pos[0]) start = node.range[0];
      },
    });
    const quote = message.includes('"') ? '"' : "'";
    if (start !== undefined) return { offset: start, message: `missing closing ${quote}: the quoted text that starts on this line is never closed` };
  }
  if (err.code === "BLOCK_AS_IMPLICIT_KEY" || err.code === "MULTILINE_IMPLICIT_KEY") {
    // A line indented further than the field above it continues that field's value; reported at the field above.
    const multi = doc.errors.find((e) => e.code === "MULTILINE_IMPLICIT_KEY" && e.pos[0] === err.pos[0]);
    if (multi && lineAt(multi.pos[1]) > lineAt(multi.pos[0])) {
      return { offset: multi.pos[1], message: "bad indentation: this line is indented further than the field above it, so it reads as part of that field's value" };
    }
  }
  return { offset: err.pos[0], message };
}
