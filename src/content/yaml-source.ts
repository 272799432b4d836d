// YAML parsing that remembers where every value came from, for file:line errors.
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import type { ProblemList } from "./errors.js";
import { describeChar, findNonXmlChar } from "./read-text.js";
import { TextMemo } from "../text-memo.js";

const parsed = new TextMemo<{ readonly doc: Document; readonly counter: LineCounter; readonly escaped?: { offset: number; codePoint: number } }>(8_192);

/** Alias uses allowed when building values: far above any course, far below a "billion laughs" expansion. */
const MAX_ALIAS_COUNT = 100;

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Line (1-based, in the file) of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: FieldPath): number;
  /** Line of the key of the field at `path` (a key whose value is a list or mapping starts the line above it). */
  keyLineOf(path: FieldPath): number;
}

/**
 * Parses `text` (which starts at line `firstLine` of `file`), reporting syntax errors to `problems`.
 * Returns undefined when the YAML is not well-formed.
 */
export function parseYaml(text: string, file: string, problems: ProblemList, firstLine = 1): YamlSource | undefined {
  // A well-formed text's syntax tree is kept for the next build of a long-lived process (text-memo.ts); the
  // values are built from it afresh each time (doc.toJS below), so no caller ever shares them.
  const { doc, counter, escaped } = parsed.get(text, () => {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
    // YAML 1.2 §5.7 escapes (`"\x01"`, `"\uD800"`) reach characters the file itself cannot hold; XML 1.0 §2.2 allows none of them.
    let escaped: { offset: number; codePoint: number } | undefined;
    visit(doc, {
      Scalar(_, node) {
        const found = typeof node.value === "string" ? findNonXmlChar(node.value) : undefined;
        if (found && !escaped && node.range) escaped = { offset: node.range[0], codePoint: found.codePoint };
      },
    });
    return { doc, counter, escaped };
  }, (p) => p.doc.errors.length === 0 && !p.escaped);
  const errors = doc.errors;
  const first = errors[0];
  if (first) {
    // Only the first syntax error: the ones after it are mostly consequences of it, at misleading lines.
    const { offset, message } = describeYamlError(first, doc, counter);
    problems.add(file, counter.linePos(offset).line + firstLine - 1, `invalid YAML: ${message}`);
    return undefined;
  }
  const lineOf = (path: FieldPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + firstLine - 1;
    }
    return firstLine;
  };
  const keyLineOf = (path: FieldPath): number => {
    const parent = doc.getIn(path.slice(0, -1), true);
    const key = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path.at(-1))) : undefined;
    return isNode(key?.key) && key.key.range ? counter.linePos(key.key.range[0]).line + firstLine - 1 : lineOf(path);
  };
  const at = (offset: number): number => counter.linePos(offset).line + firstLine - 1;
  if (escaped) {
    const { offset, codePoint } = escaped;
    problems.addProblem({ file, line: at(offset), column: counter.linePos(offset).col, message: `${describeChar(codePoint)}, written as an escape in this text, is not allowed in course text; delete it` });
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    // The yaml package refuses aliases that expand exponentially (an "alias bomb"), or an unknown anchor.
    let line = firstLine;
    visit(doc, { Alias(_, node) { if (node.range && line === firstLine) line = at(node.range[0]); } });
    const bomb = /alias count/i.test(err.message);
    problems.add(file, line, bomb ? `YAML aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, as in a "billion laughs" attack; write the values out instead` : `invalid YAML: ${err.message}`);
    return undefined;
  }
  return { file, data, lineOf, keyLineOf };
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
