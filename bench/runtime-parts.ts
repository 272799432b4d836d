// The runtime's parts per standard: its core, each optional feature (src/runtime/features.ts), and what a
// package of the real course loads. A feature's "added" figure is what it costs in a package, gzip of
// feature + core less gzip of the core (gzip finds the words they share), its "alone" figure its own script.
import zlib from "node:zlib";
import type { Course } from "../src/model/course.js";
import { planUnits } from "../src/model/units.js";
import { bundleFeature, bundleRuntime } from "../src/runtime/bundle.js";
import { featuresFor, RUNTIME_FEATURES } from "../src/runtime/features.js";
import { STANDARD_IDS } from "../src/standards/registry.js";

export interface Sized {
  readonly raw: number;
  readonly gzip: number;
}

export interface RuntimeParts {
  readonly target: string;
  readonly core: Sized;
  /** By feature id: its own script, and what it adds to this standard's core. */
  readonly features: Record<string, Sized & { readonly added: number }>;
  /** The features the real course's whole-course package loads, and that package's script. */
  readonly realCourse: { readonly features: readonly string[]; readonly script: Sized };
  /** The core with every feature: a course that uses them all. */
  readonly everything: Sized;
}

const sized = (text: string): Sized => {
  const b = Buffer.from(text);
  return { raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length };
};

export async function measureRuntimeParts(course: Course): Promise<RuntimeParts[]> {
  const real = featuresFor(course, planUnits(course, false));
  const rows: RuntimeParts[] = [];
  for (const target of STANDARD_IDS) {
    const core = await bundleRuntime(target);
    const coreSize = sized(core);
    const features: RuntimeParts["features"] = {};
    for (const { id } of RUNTIME_FEATURES) {
      const script = await bundleFeature(id);
      features[id] = { ...sized(script), added: sized(script + core).gzip - coreSize.gzip };
    }
    rows.push({
      target,
      core: coreSize,
      features,
      realCourse: { features: real, script: sized(await bundleRuntime(target, real)) },
      everything: sized(await bundleRuntime(target, RUNTIME_FEATURES.map((f) => f.id))),
    });
  }
  return rows;
}
