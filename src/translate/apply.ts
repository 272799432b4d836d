// The course's files with their texts replaced: YAML fields set in the parsed document (comments, order and
// the other values stay), a session's body rewritten line by line where a translated block stands.
import fs from "node:fs";
import { parseDocument, type Document } from "yaml";
import { imageMarkdown, toMarkdown } from "./markdown-out.js";
import { plain } from "./page-blocks.js";
import type { Part } from "./segment.js";
import type { CourseTexts, PartsOf, TextFile, YamlField } from "./units.js";

/** How the yaml package writes a document back: no folding of long lines, `["a"]` as the author wrote it. */
const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false } as const;

function setFields(doc: Document, fields: readonly YamlField[], parts: PartsOf, translated: ReadonlySet<string>): void {
  for (const { path, unit } of fields) {
    if (!translated.has(unit.id)) continue;
    const p = parts(unit.id) ?? unit.parts;
    const value = unit.markup === "plain" ? plain(p) : toMarkdown(p, { block: false, image: (image) => imageMarkdown(image, image.alt, image.title) });
    doc.setIn(path, value);
  }
}

function sessionFile(text: string, f: TextFile, parts: PartsOf, translated: ReadonlySet<string>): string {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  // As content/front-matter.ts splits it: '---', the YAML, the closing '---' (or '...'), the body.
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  const doc = parseDocument(lines.slice(1, end).join("\n"));
  setFields(doc, f.fields, parts, translated);
  const body = lines.slice(end + 1);
  const edits = [...(f.body?.edits ?? [])].sort((a, b) => b.start - a.start);
  for (const edit of edits) {
    if (!edit.always && !edit.units.some((u) => translated.has(u))) continue;
    body.splice(edit.start, edit.end - edit.start, ...edit.render(parts));
  }
  return [lines[0] ?? "---", doc.toString(YAML_OUT).trimEnd(), lines[end] ?? "---", ...body].join("\n");
}

/**
 * The new text of every file with a text of the course, by absolute path. `translations` holds the translated
 * units' parts; every other unit keeps its source. course.yaml's `language` becomes `language`.
 */
export function translatedFiles(texts: CourseTexts, courseFile: string, translations: ReadonlyMap<string, readonly Part[]>, language: string): Map<string, string> {
  const byId = new Map(texts.units.map((u) => [u.id, u]));
  const parts: PartsOf = (id) => translations.get(id) ?? byId.get(id)?.parts;
  const translated = new Set(translations.keys());
  const out = new Map<string, string>();
  for (const f of texts.files) {
    const text = out.get(f.file) ?? fs.readFileSync(f.file, "utf8");
    if (f.body) {
      out.set(f.file, sessionFile(text, f, parts, translated));
      continue;
    }
    const doc = parseDocument(text);
    setFields(doc, f.fields, parts, translated);
    if (f.file === courseFile) doc.set("language", language);
    out.set(f.file, doc.toString(YAML_OUT));
  }
  return out;
}
