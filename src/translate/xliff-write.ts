// Units → an XLIFF 1.2 document (OASIS Standard, 1 February 2008; namespace urn:oasis:names:tc:xliff:document:1.2).
//
// Why 1.2 and not 2.x: it is the version every tool translators use reads and writes back — memoQ, Trados
// Studio, Crowdin, Weblate, and OmegaT through the Okapi XLIFF filter (which implements 1.2) — while 2.0
// support is newer and partial (Weblate added it in 5.15, marked "under development"). 1.2's
// `<bpt>`/`<ept>`/`<ph>` carry Markdown as native code just as 2.0's `<pc>`/`<ph>` would.
//
// Written by hand with the project's XML escaping, not with the `xliff` npm package: its writer indents mixed
// content (a line break and spaces inside `<source>`, between text and codes, which turns `**this**` into
// `**this **`), always says datatype="plaintext", and its reader drops `state` and every line number.
import path from "node:path";
import { esc } from "../package/xml.js";
import { isText, type Part } from "./segment.js";
import { sourceHash } from "./segment.js";
import type { CourseTexts, Unit } from "./units.js";

export const XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2";
export const TOOL_ID = "coursewright";

/** An inline code's element: `<bpt>`/`<ept>` around text, `<ph>` for a standalone code. */
function codeXml(p: Exclude<Part, { text: string }>): string {
  const { id, role, ctype, markdown } = p.code;
  const native = esc(markdown, "an inline code");
  if (role === "close") return `<ept id="${esc(id)}">${native}</ept>`;
  return `<${role === "open" ? "bpt" : "ph"} id="${esc(id)}" ctype="${esc(ctype)}">${native}</${role === "open" ? "bpt" : "ph"}>`;
}

export const contentXml = (parts: readonly Part[]): string => parts.map((p) => (isText(p) ? esc(p.text, "a course text") : codeXml(p))).join("");

function unitXml(u: Unit, contentDir: string): string {
  const size = u.maxChars ? ` maxwidth="${u.maxChars}" size-unit="char"` : "";
  const rel = path.relative(contentDir, u.file).split(path.sep).join("/");
  return [
    `      <trans-unit id="${esc(u.id)}" extradata="${sourceHash(u.parts)}"${size}>`,
    `        <source>${contentXml(u.parts)}</source>`,
    // Standard context types "sourcefile" and "linenumber": where the text is, for the translator's reference.
    `        <context-group purpose="location"><context context-type="sourcefile">${esc(rel)}</context><context context-type="linenumber">${u.line}</context></context-group>`,
    ...(u.note ? [`        <note from="${TOOL_ID}">${esc(u.note)}</note>`] : []),
    "      </trans-unit>",
  ].join("\n");
}

export interface ExportHeader {
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  readonly toolVersion: string;
  readonly courseTitle: string;
  readonly contentDir: string;
}

/**
 * One `<file>` per course file, `original` its path in the course folder. Nothing in it depends on the time
 * or the machine: an unchanged course exports to the same bytes.
 */
export function writeXliff(texts: CourseTexts, h: ExportHeader): string {
  const files = [...new Set(texts.files.map((f) => f.file))]
    .map((file) => {
      const units = texts.units.filter((u) => u.file === file);
      if (units.length === 0) return "";
      const rel = path.relative(h.contentDir, file).split(path.sep).join("/");
      // datatype: XLIFF 1.2 lists no Markdown or YAML, so an x- name (the attribute's extension form).
      const datatype = texts.files.some((f) => f.file === file && f.body) ? "x-markdown" : "x-yaml";
      return [
        `  <file original="${esc(rel)}" source-language="${esc(h.sourceLanguage)}" target-language="${esc(h.targetLanguage)}" datatype="${datatype}" tool-id="${TOOL_ID}">`,
        `    <header><tool tool-id="${TOOL_ID}" tool-name="Coursewright" tool-version="${esc(h.toolVersion)}"/></header>`,
        "    <body>",
        ...units.map((u) => unitXml(u, h.contentDir)),
        "    </body>",
        "  </file>",
      ].join("\n");
    })
    .filter(Boolean);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // "--" may not stand in a comment (XML 1.0 §2.5).
    `<!-- ${esc(h.courseTitle).replace(/-{2,}/g, "-")}: the course's texts for translation into ${esc(h.targetLanguage)}, by coursewright translate export.`,
    "     Translate each <source> into a <target>; keep the inline codes (bpt, ept, ph: the Markdown around the words),",
    "     moving them where the translation needs them. coursewright translate import writes the translated course. -->",
    `<xliff version="1.2" xmlns="${XLIFF_NS}">`,
    ...files,
    "</xliff>",
    "",
  ].join("\n");
}
