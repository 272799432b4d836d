// Splits `---`-delimited YAML front matter from a Markdown file, keeping line numbers.

export interface FrontMatterSplit {
  /** YAML text between the fences ("" when absent). */
  readonly yaml: string;
  /** 1-based line of the first YAML line. */
  readonly yamlLine: number;
  readonly body: string;
  /** 1-based line of the first body line. */
  readonly bodyLine: number;
  readonly present: boolean;
}

export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return { yaml: "", yamlLine: 1, body: lines.join("\n"), bodyLine: 1, present: false };
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return { yaml: "", yamlLine: 2, body: "", bodyLine: lines.length + 1, present: false };
  return {
    yaml: lines.slice(1, end).join("\n"),
    yamlLine: 2,
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
    present: true,
  };
}
