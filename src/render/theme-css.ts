// A course's theme → assets/theme.css: the custom properties of course.css for each mode the course shows.
// A file of the package rather than an inline <style>, so the Content-Security-Policy needs no hash for it.
import type { Course } from "../model/course.js";
import type { Theme } from "../model/theme.js";
import { palette, type Palette } from "../content/theme-palette.js";

export const THEME_STYLESHEET = "assets/theme.css";

const LIGHT_DEFAULTS = palette(undefined, false);

function declarations(p: Palette, onlyChanged: boolean): string {
  return (Object.keys(p) as (keyof Palette)[])
    .filter((k) => !onlyChanged || p[k] !== LIGHT_DEFAULTS[k])
    .map((k) => `--cw-${k}:${p[k]};`)
    .join("");
}

/** The stylesheet of `theme`; the light block lists only what differs from course.css's own defaults. */
export function themeStylesheet(theme: Theme): string {
  const light = declarations(palette(theme, false), true);
  const dark = declarations(palette(theme, true), false);
  const look = `${theme.font ? `--cw-font:${theme.font};` : ""}${theme.radius !== undefined ? `--cw-radius:${theme.radius}px;` : ""}`;
  // `color-scheme` lets the browser draw form controls and scroll bars to match (CSS Color Adjustment §2).
  const root = (scheme: string, vars: string): string => `:root{color-scheme:${scheme};${vars}}\n`;
  switch (theme.mode) {
    case "light":
      return root("light", light + look);
    case "dark":
      return root("dark", dark + look);
    case "auto":
      // Media Queries Level 5 §12.5 prefers-color-scheme: the learner's system setting picks the palette.
      return `${root("light dark", light + look)}@media (prefers-color-scheme: dark) {\n${root("light dark", dark)}}\n`;
  }
}

/** What the layout needs of the theme: the extra stylesheet (when the course has a theme) and the logo. */
export function themeView(course: Course): { themeStylesheet?: string; logo?: { src: string; alt: string }; themeMode: string } {
  const theme = course.theme;
  if (!theme) return { themeMode: "light" };
  return {
    themeStylesheet: THEME_STYLESHEET,
    themeMode: theme.mode,
    ...(theme.logo ? { logo: { src: theme.logo.packagePath, alt: theme.logo.alt } } : {}),
  };
}

/** The package file of the theme, when the course has one. */
export function themeFile(course: Course): { path: string; data: Buffer } | undefined {
  return course.theme ? { path: THEME_STYLESHEET, data: Buffer.from(themeStylesheet(course.theme)) } : undefined;
}
