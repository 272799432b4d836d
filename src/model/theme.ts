// How a course looks: the author's theme tokens, checked and with defaults filled in by content/.
// render/ turns them into CSS custom properties.

export const THEME_MODES = ["light", "dark", "auto"] as const;
/** `auto` follows the learner's system setting (`prefers-color-scheme`). */
export type ThemeMode = (typeof THEME_MODES)[number];

export interface Theme {
  /** Header, buttons and links: `#rrggbb`. */
  readonly brand?: string;
  /** Progress, focus ring and highlights: `#rrggbb`. */
  readonly accent?: string;
  /** Logo image: path of the file inside the package (under `assets/`), with its text alternative. */
  readonly logo?: { readonly packagePath: string; readonly alt: string };
  /** A CSS font-family list. */
  readonly font?: string;
  readonly mode: ThemeMode;
  /** Corner radius in CSS pixels. */
  readonly radius?: number;
}
