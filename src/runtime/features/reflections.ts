// Feature: reflections (`::: reflection` blocks): their fields, and the completion page's list to print or
// download; in a package only when one of its units has a reflection (src/runtime/features.ts). The core
// keeps and reports them (core/state-codec.ts, the trackers).
import { registerFeature } from "../features-hook.js";
import { reflectionFeature } from "../ui/reflection-view.js";

registerFeature(reflectionFeature());
