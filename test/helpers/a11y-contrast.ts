// WCAG 2.x contrast ratios of what Chromium actually paints: computed colours of an element, the colour of
// its background (the nearest painted backgrounds of it and its ancestors, composited), and of its focus
// indicator (outline and box-shadow), for the checks axe's color-contrast rule does not make.
import type { Page } from "playwright-core";

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** Parses Chromium's computed colour syntax: rgb(…), rgba(…), also with the space-separated form. */
export function parseColor(text: string): Rgba {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(text);
  if (!m) throw new Error(`cannot parse colour ${JSON.stringify(text)}`);
  const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

/** `top` painted over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance(c: Rgba): number {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG contrast ratio, 1–21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function hex(c: Rgba): string {
  return `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

export interface PaintedColours {
  readonly selector: string;
  readonly text: string;
  readonly fg: Rgba;
  /** Behind the element's text: its own background over its ancestors'. */
  readonly bg: Rgba;
  /** Behind the element itself (where an outline with offset is drawn): its parent's background. */
  readonly around: Rgba;
  readonly outline: { readonly style: string; readonly width: number; readonly color: Rgba };
  readonly boxShadow: string;
}

/**
 * Reads the painted colours of every element matching `selector` that is rendered. Backgrounds are the
 * computed background-colors from the element up to the root, composited over white (the canvas).
 */
export async function paintedColours(page: Page, selector: string): Promise<PaintedColours[]> {
  const raw = await page.evaluate((sel) => {
    const stack = (el: Element | null): string[] => {
      const out: string[] = [];
      for (let e = el; e; e = e.parentElement) out.push(getComputedStyle(e).backgroundColor);
      return out;
    };
    return [...document.querySelectorAll(sel)]
      .filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === "fixed")
      .map((el, i) => {
        const cs = getComputedStyle(el);
        return {
          selector: `${sel} #${i + 1}${el.id ? ` (#${el.id})` : ""}`,
          text: (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60),
          fg: cs.color,
          bgs: stack(el),
          aroundBgs: stack(el.parentElement),
          outline: { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0, color: cs.outlineColor },
          boxShadow: cs.boxShadow,
        };
      });
  }, selector);
  const composite = (layers: string[]): Rgba =>
    layers
      .map(parseColor)
      .reverse()
      .reduce<Rgba>((below, layer) => (layer.a === 0 ? below : over(layer, below)), { r: 255, g: 255, b: 255, a: 1 });
  return raw.map((e) => ({
    selector: e.selector,
    text: e.text,
    fg: parseColor(e.fg),
    bg: composite(e.bgs),
    around: composite(e.aroundBgs),
    outline: { style: e.outline.style, width: e.outline.width, color: parseColor(e.outline.color) },
    boxShadow: e.boxShadow,
  }));
}

/** Text contrast of each element: "" when all reach `min`, else one line per failure. */
export function textContrastProblems(elements: readonly PaintedColours[], min = 4.5): string[] {
  return elements
    .map((e) => ({ e, ratio: contrastRatio(over(e.fg, e.bg), e.bg) }))
    .filter(({ ratio }) => ratio < min)
    .map(({ e, ratio }) => `${e.selector} "${e.text}": ${hex(e.fg)} on ${hex(e.bg)} = ${ratio.toFixed(2)}:1 < ${min}:1`);
}
