// A unit's target, checked against its source: every inline code of the source exactly once, pairs opened
// before they close and nested (XLIFF 1.2: an `<ept>` closes the `<bpt>` of the same id; Markdown emphasis and
// links cannot overlap), no code the source lacks. The codes' Markdown comes from the course, never the file.
import type { ProblemList } from "../content/errors.js";
import { hasText, normalizeSpace, type InlineCode, type Part } from "./segment.js";
import type { Unit } from "./units.js";
import type { TargetPart } from "./xliff-read.js";

const ELEMENT = { open: "bpt", close: "ept", standalone: "ph" } as const;
const describe = (c: InlineCode): string => `<${ELEMENT[c.role]} id="${c.id}">${c.markdown.replace(/\n/g, "\\n")}</${ELEMENT[c.role]}>`;

export type TargetCheck = { readonly kind: "translated"; readonly parts: Part[] } | { readonly kind: "empty" } | { readonly kind: "broken" };

export function checkTarget(unit: Unit, target: readonly TargetPart[], at: { file: string; line: number }, problems: ProblemList): TargetCheck {
  const texts = target.flatMap((p) => ("text" in p ? [{ text: p.text }] : []));
  if (!hasText(texts)) return { kind: "empty" };
  const codes = new Map<string, InlineCode>();
  for (const p of unit.parts) if ("code" in p) codes.set(`${p.code.role}:${p.code.id}`, p.code);
  const before = problems.items.length;
  const problem = (line: number, message: string): void => problems.add(at.file, line, `unit '${unit.id}': ${message}`);

  const used = new Set<string>();
  const open: InlineCode[] = [];
  const parts: Part[] = [];
  for (const p of target) {
    if ("text" in p) {
      parts.push({ text: p.text });
      continue;
    }
    const { ref } = p;
    const code = codes.get(`${ref.role}:${ref.id}`);
    if (!code) {
      const has = [...codes.values()].map(describe).join(", ");
      problem(ref.line, `<${ref.element} id="${ref.id}"> is not an inline code of its source (${has ? `it has ${has}` : "it has none"}); use the source's codes as they are`);
      continue;
    }
    const key = `${code.role}:${code.id}`;
    if (used.has(key)) {
      problem(ref.line, `${describe(code)} is in the target twice; each code of the source stands once`);
      continue;
    }
    used.add(key);
    if (code.role === "open") open.push(code);
    else if (code.role === "close") {
      const top = open.at(-1);
      if (top?.id !== code.id) {
        const pair = [...codes.values()].find((c) => c.role === "open" && c.id === code.id);
        problem(ref.line, top && open.includes(pair ?? code) ? `${describe(code)} closes while ${describe(top)} is still open: the pairs overlap; close the inner one first` : `${describe(code)} comes before its <bpt id="${code.id}">`);
      } else open.pop();
    }
    parts.push({ code });
  }
  for (const [key, code] of codes) {
    if (!used.has(key)) problem(at.line, `the target lacks ${describe(code)}; every inline code of the source must stay (move it, do not delete it)`);
  }
  return problems.items.length > before ? { kind: "broken" } : { kind: "translated", parts: normalizeSpace(parts) };
}
