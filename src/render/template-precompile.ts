// Compiling a template's text: the Handlebars compiler, loaded only when a template is not found compiled
// (render/template-cache.ts). Also run when the CLI is compiled, to precompile the built-in templates.
import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { COMPILE_OPTIONS, templateKey, type Precompiled } from "./template-cache.js";

/** Parses and precompiles `text`; throws Handlebars' error (with its lineNumber) when it does not compile. */
export function precompileTemplate(text: string): Precompiled {
  const ast = Handlebars.parse(text);
  // compile() defers every check to the first render; precompile finds them now, to name the file.
  const spec = Handlebars.precompile(ast, { ...COMPILE_OPTIONS }) as unknown as string;
  return { key: templateKey(text), spec, partials: partialsIncluded(ast), strings: stringsNamed(ast) };
}

/** Every .hbs file under `dir` precompiled (scripts/compile.mjs writes them to templates.json). */
export function precompileFolder(dir: string): Precompiled[] {
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".hbs")).sort();
  return files.map((f) => precompileTemplate(fs.readFileSync(path.join(dir, f), "utf8")));
}

/** Partials included by a literal name (`{{> name}}`), with their lines; dynamic names are checked when rendering. */
function partialsIncluded(ast: hbs.AST.Program): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  const inline = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; name?: { type?: unknown; original?: unknown; value?: unknown }; loc?: { start?: { line?: number } }; path?: { original?: unknown }; params?: { value?: unknown }[] };
    if (n.type === "PartialStatement" || n.type === "PartialBlockStatement") {
      const name = n.name?.type === "PathExpression" ? n.name.original : n.name?.type === "StringLiteral" ? n.name.value : undefined;
      if (typeof name === "string" && !name.startsWith("@")) found.push({ name, line: n.loc?.start?.line ?? 1 });
    }
    if (n.type === "DecoratorBlock" && n.path?.original === "inline" && typeof n.params?.[0]?.value === "string") inline.add(n.params[0].value);
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "strip") visit(value);
  };
  visit(ast);
  return found.filter((f) => !inline.has(f.name));
}

/** The keys a template's `t` calls name literally (`{{t "key"}}`, `(t "key")`), with their lines. */
function stringsNamed(ast: hbs.AST.Program): { key: string; line: number }[] {
  const found: { key: string; line: number }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; path?: { original?: unknown }; params?: { type?: unknown; value?: unknown }[]; loc?: { start?: { line?: number } } };
    const first = n.params?.[0];
    if ((n.type === "MustacheStatement" || n.type === "SubExpression") && n.path?.original === "t" && first?.type === "StringLiteral" && typeof first.value === "string") {
      found.push({ key: first.value, line: n.loc?.start?.line ?? 1 });
    }
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "strip") visit(value);
  };
  visit(ast);
  return found;
}
