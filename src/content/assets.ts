// Resolves files referenced by content (images), keeps them inside the course folder, and packages an
// image only when it really is the type its name says (and, for SVG, only a picture: see svg-safety.ts).
import fs from "node:fs";
import path from "node:path";
import { containedFile } from "./contain-path.js";
import { describeContent, KIND_OF_EXTENSION, sniffRaster } from "./image-type.js";
import { svgProblem } from "./svg-safety.js";

export const IMAGE_EXTENSIONS = new Set(Object.keys(KIND_OF_EXTENSION));

export type AssetResolution =
  | { ok: true; file: string; packagePath: string }
  | { ok: false; message: string };

/** `src` as written in `fromFile`; content folder `contentDir`. Package paths live under `assets/`. */
export function resolveAsset(src: string, fromFile: string, contentDir: string): AssetResolution {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    return { ok: false, message: `image '${src}' must be a file inside the course folder, not a URL (packages must work offline and on https LMSs)` };
  }
  if (src.startsWith("/")) return { ok: false, message: `image '${src}' must be a relative path` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(src.split(/[?#]/)[0] ?? "");
  } catch {
    return { ok: false, message: `image path '${src}' is not valid URL encoding` };
  }
  const file = path.resolve(path.dirname(fromFile), decoded);
  const rel = path.relative(contentDir, file);
  const ext = path.extname(file).toLowerCase();
  const kind = KIND_OF_EXTENSION[ext];
  const where = containedFile(file, contentDir);
  if (!where.ok && where.why.startsWith("points outside")) {
    return { ok: false, message: `image '${src}' ${where.why}; keep pictures inside it` };
  }
  if (!kind) {
    return { ok: false, message: `image '${src}' has an unsupported type; use ${[...IMAGE_EXTENSIONS].join(", ")}` };
  }
  if (!where.ok) {
    const why = where.why === "not found" ? `not found (looked for ${path.relative(process.cwd(), file)})` : where.why;
    return { ok: false, message: `image '${src}' ${why}` };
  }
  const shown = rel.split(path.sep).join("/");
  const bytes = fs.readFileSync(where.real);
  if (kind === "SVG") {
    const unsafe = svgProblem(bytes, where.real);
    if (unsafe) return { ok: false, message: `image '${src}' is refused: ${shown} ${unsafe}` };
  } else if (sniffRaster(bytes) !== kind) {
    return { ok: false, message: `image '${src}' is not a ${kind} file: ${describeContent(bytes)}; save it as ${kind} or give it the right extension` };
  }
  return { ok: true, file: where.real, packagePath: `assets/${shown}` };
}
