// course.yaml's `theme:` → the model's Theme: the logo resolved as a course image, and the colours refused
// when a pair the stylesheet draws falls under WCAG 2.1 AA contrast in a mode the course can show.
import type { z } from "zod";
import type { Asset } from "../model/course.js";
import type { Theme } from "../model/theme.js";
import { resolveAsset } from "./assets.js";
import { foldCase } from "./contain-path.js";
import type { ProblemList } from "./errors.js";
import { contrastFailures, modesOf, palette } from "./theme-palette.js";
import type { themeSchema } from "./theme-schema.js";
import type { YamlSource } from "./yaml-source.js";

export function loadTheme(input: z.output<typeof themeSchema>, src: YamlSource, contentDir: string, assets: Map<string, Asset>, problems: ProblemList): Theme {
  const { logo: logoInput, ...look } = input;
  let logo: Theme["logo"];
  if (logoInput) {
    const res = resolveAsset(logoInput.file, src.file, contentDir);
    const clash = res.ok ? [...assets.keys()].find((k) => k !== res.packagePath && foldCase(k) === foldCase(res.packagePath)) : undefined;
    const line = src.lineOf(["theme", "logo", "file"]);
    if (!res.ok) problems.add(src.file, line, res.message.replace(/^image /, "logo "), "theme.logo.file");
    else if (clash) problems.add(src.file, line, `logo '${logoInput.file}' differs from ${clash.slice("assets/".length)} only in letter case; they would collide on case-insensitive file systems: rename one`, "theme.logo.file");
    else {
      assets.set(res.packagePath, { file: res.file, packagePath: res.packagePath });
      logo = { packagePath: res.packagePath, alt: logoInput.alt };
    }
  }
  const modes = modesOf(look);
  for (const mode of modes) {
    for (const failure of contrastFailures(palette(look, mode === "dark"), modes.length > 1 ? mode : undefined)) {
      const field = failure.field === "theme" ? ["theme"] : ["theme", failure.field];
      problems.add(src.file, src.lineOf(field), failure.message, field.join("."));
    }
  }
  return { ...look, ...(logo ? { logo } : {}) };
}
