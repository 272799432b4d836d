// A theme's colours for each mode it can show, derived from the author's two colours, and every pair of
// them the stylesheet draws one on the other, with the contrast WCAG 2.1 asks of it.
import type { Theme } from "../model/theme.js";

export type Rgb = readonly [number, number, number];

/** `#rrggbb` → channels 0–255. */
export function parseHex(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex(c: Rgb): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/** Relative luminance, WCAG 2.1 definition (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function luminance(hex: string): number {
  // Deriving a palette tries many shades; each colour's figure is worked out once per process.
  let known = luminances.get(hex);
  if (known === undefined) luminances.set(hex, (known = computeLuminance(hex)));
  return known;
}
const luminances = new Map<string, number>();

function computeLuminance(hex: string): number {
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseHex(hex).map(lin) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio, WCAG 2.1 (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): (L1 + 0.05) / (L2 + 0.05). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `amount` (0–1) of the way from `from` to `to`. */
export function mix(from: string, to: string, amount: number): string {
  const a = parseHex(from);
  const b = parseHex(to);
  return toHex([0, 1, 2].map((i) => (a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * amount) as unknown as Rgb);
}

export const WHITE = "#ffffff";
export const INK = "#111418";

/** The colours every section of course.css uses (its custom properties, without the `--cw-` prefix). */
export interface Palette {
  readonly brand: string;
  readonly "brand-text": string;
  readonly "brand-hover": string;
  readonly link: string;
  readonly accent: string;
  readonly text: string;
  readonly muted: string;
  readonly bg: string;
  readonly surface: string;
  readonly border: string;
  readonly control: string;
  readonly good: string;
  readonly "good-bg": string;
  readonly bad: string;
  readonly "bad-bg": string;
  readonly "note-bg": string;
  readonly "note-border": string;
  readonly "focus-ring": string;
}

type Base = Omit<Palette, "brand" | "brand-text" | "brand-hover" | "link" | "accent" | "focus-ring">;

/** The light defaults: the same values as the `:root` block of templates/assets/course.css. */
export const LIGHT_BASE: Base = {
  text: "#1d2330", muted: "#4a5363", bg: "#ffffff", surface: "#f3f5f8", border: "#c9d0da", control: "#6b7484",
  good: "#1e6b34", "good-bg": "#e6f4ea", bad: "#a1262b", "bad-bg": "#fbeaea", "note-bg": "#fff7e0", "note-border": "#b7791f",
};
export const DARK_BASE: Base = {
  text: "#e7eaf0", muted: "#b0b8c6", bg: "#14181f", surface: "#1d232c", border: "#3a4452", control: "#8591a3",
  good: "#7ad69a", "good-bg": "#143222", bad: "#ff9b9b", "bad-bg": "#3d1a1c", "note-bg": "#352c14", "note-border": "#d69e2e",
};
export const DEFAULT_BRAND = "#1f5fa8";
export const DEFAULT_ACCENT = "#0f7b6c";

/** `colour`, lightened towards white in small steps until it reaches `ratio` against every one of `on`. */
function lightenUntil(colour: string, on: readonly string[], ratio: number): string {
  for (let step = 0; step <= 20; step++) {
    const c = mix(colour, WHITE, step / 20);
    if (on.every((bg) => contrast(c, bg) >= ratio)) return c;
  }
  return WHITE;
}

/**
 * Light mode uses the author's colours as given (and the build refuses them when they fail); dark mode keeps
 * the brand as a fill (same text on it) but lightens brand and accent where they are drawn on the dark
 * background, as links, focus ring and progress, so one pair of colours serves both modes.
 */
export function palette(theme: Pick<Theme, "brand" | "accent"> | undefined, dark: boolean): Palette {
  const brand = theme?.brand ?? DEFAULT_BRAND;
  const accent = theme?.accent ?? DEFAULT_ACCENT;
  const brandText = contrast(WHITE, brand) >= 4.5 || contrast(WHITE, brand) >= contrast(INK, brand) ? WHITE : INK;
  const brandHover = brandText === WHITE ? mix(brand, "#000000", 0.15) : mix(brand, WHITE, 0.25);
  const base = dark ? DARK_BASE : LIGHT_BASE;
  const link = dark ? lightenUntil(brand, [base.bg, base.surface, base["note-bg"]], 4.5) : brand;
  // Dark mode aims the ring higher than the 3:1 it needs: a focus ring should be easy to find.
  const ring = dark ? lightenUntil(accent, [base.bg, base.surface], 4.5) : accent;
  return { ...base, brand, "brand-text": brandText, "brand-hover": brandHover, link, accent: ring, "focus-ring": ring };
}

export interface Pair {
  /** The theme field an author changes to fix the pair. */
  readonly field: "brand" | "accent" | "theme";
  readonly fg: keyof Palette;
  readonly bg: keyof Palette;
  /** What the pair is on the page, e.g. "links" ("links in #… on #…"). */
  readonly what: string;
  readonly min: 4.5 | 3;
}

// Text 4.5:1 (SC 1.4.3, https://www.w3.org/TR/WCAG21/#contrast-minimum); focus ring, progress fill and
// control borders 3:1 (SC 1.4.11, https://www.w3.org/TR/WCAG21/#non-text-contrast).
export const PAIRS: readonly Pair[] = [
  { field: "brand", fg: "brand-text", bg: "brand", what: "text", min: 4.5 },
  { field: "brand", fg: "brand-text", bg: "brand-hover", what: "text", min: 4.5 },
  { field: "brand", fg: "link", bg: "bg", what: "links", min: 4.5 },
  { field: "brand", fg: "link", bg: "surface", what: "links", min: 4.5 },
  { field: "brand", fg: "link", bg: "note-bg", what: "links", min: 4.5 },
  { field: "accent", fg: "accent", bg: "bg", what: "the focus ring and progress bar", min: 3 },
  { field: "accent", fg: "accent", bg: "surface", what: "the focus ring and progress bar", min: 3 },
  ...(["bg", "surface", "good-bg", "bad-bg", "note-bg"] as const).flatMap((bg) => [
    { field: "theme", fg: "text", bg, what: "text", min: 4.5 } as const,
    { field: "theme", fg: "muted", bg, what: "secondary text", min: 4.5 } as const,
  ]),
  { field: "theme", fg: "good", bg: "bg", what: "correct marks", min: 4.5 },
  { field: "theme", fg: "good", bg: "good-bg", what: "correct marks", min: 4.5 },
  { field: "theme", fg: "bad", bg: "bg", what: "incorrect marks", min: 4.5 },
  { field: "theme", fg: "bad", bg: "bad-bg", what: "incorrect marks", min: 4.5 },
  { field: "theme", fg: "control", bg: "bg", what: "control borders", min: 3 },
  { field: "theme", fg: "control", bg: "surface", what: "control borders", min: 3 },
];

export interface ContrastFailure {
  readonly field: Pair["field"];
  readonly message: string;
}

/** A ratio as WCAG tools show it, never rounded up to the threshold it misses (4.4999 is 4.49, not 4.5). */
export function formatRatio(r: number, min: number): string {
  const shown = Math.round(r * 100) / 100;
  return `${(shown >= min && r < min ? Math.floor(r * 100) / 100 : shown).toFixed(2).replace(/\.?0+$/, "")}:1`;
}

const named = (c: string): string => (c === WHITE ? "white" : c);

/** The first pair of `p` under its minimum for each field: what the author changes first. */
export function contrastFailures(p: Palette, mode: "light" | "dark" | undefined): ContrastFailure[] {
  const out = new Map<string, ContrastFailure>();
  for (const pair of PAIRS) {
    const r = contrast(p[pair.fg], p[pair.bg]);
    if (r >= pair.min || out.has(pair.field)) continue;
    const fg = named(p[pair.fg]);
    const what = pair.what === "text" ? `${fg} text` : `${pair.what} in ${fg}`;
    const verb = pair.what.endsWith("text") ? "has" : "have";
    const where = mode ? `in ${mode} mode, ` : "";
    out.set(pair.field, { field: pair.field, message: `${where}${what} on ${named(p[pair.bg])} ${verb} contrast ${formatRatio(r, pair.min)}; WCAG 2.1 AA needs ${pair.min}:1` });
  }
  return [...out.values()];
}

/** The modes a theme can be shown in. */
export function modesOf(theme: Pick<Theme, "mode"> | undefined): ("light" | "dark")[] {
  const mode = theme?.mode ?? "light";
  return mode === "auto" ? ["light", "dark"] : [mode];
}
