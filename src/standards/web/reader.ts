// Recognises a plain web package and reads its one unit. Such a package has no control file: its index page
// is the package. Only Coursewright's are claimed (another tool's static site is just a site, with nothing
// verify could hold it to), and never a package with an XML file at its root: every packaging standard's
// control file is one (an IMS CP manifest, the XML file of an xAPI launch, a course structure).
import { RUNTIME_SCRIPT } from "../../render/render-unit.js";
import type { PackageReader } from "../reader.js";

export const INDEX = "index.html";

/** The runtime data block every Coursewright page has (templates/layout.hbs). */
const RUNTIME_DATA = /<script\b[^>]*\bid\s*=\s*["']?cw-data\b[^>]*>([\s\S]*?)<\/script>/i;

/** The shallowest index.html and its folder ("" or "folder/"), or undefined when there is none. */
function indexRoot(names: readonly string[]): string | undefined {
  const depth = (n: string): number => n.split("/").length;
  const index = names.filter((n) => n === INDEX || n.endsWith(`/${INDEX}`)).sort((a, b) => depth(a) - depth(b))[0];
  return index === undefined ? undefined : index.slice(0, -INDEX.length);
}

/** The runtime data of a Coursewright page: the unit and the course title (render/runtime-data.ts). */
function runtimeData(html: string): { unit: string; title: string } | undefined {
  try {
    const data = JSON.parse(RUNTIME_DATA.exec(html)?.[1] ?? "") as { unit?: unknown; title?: unknown } | null;
    return data && typeof data.unit === "string" && typeof data.title === "string" ? { unit: data.unit, title: data.title } : undefined;
  } catch {
    return undefined;
  }
}

export const webReader: PackageReader = {
  controlFile: INDEX,
  lookedFor: `a Coursewright ${INDEX} with no control file`,

  recognise(names, text) {
    const root = indexRoot(names);
    if (root === undefined) return undefined;
    const atRoot = names.filter((n) => n.startsWith(root) && !n.slice(root.length).includes("/"));
    if (atRoot.some((n) => /\.xml$/i.test(n))) return undefined;
    const page = text(root + INDEX);
    // Without the page's text (the central directory alone), the runtime our pages load stands for it.
    const ours = page === undefined ? names.includes(root + RUNTIME_SCRIPT) : runtimeData(page) !== undefined;
    return ours ? { root, control: root + INDEX, findings: [] } : undefined;
  },

  units(html) {
    const data = runtimeData(html);
    if (!data) throw new Error(`${INDEX} carries no Coursewright runtime data (script#cw-data)`);
    return { title: data.title, units: [{ id: data.unit, title: data.title, href: INDEX }] };
  },
};
