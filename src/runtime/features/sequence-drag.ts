// Feature: sequencing by drag and drop; in a package only when one of its units has a sequencing question
// (src/runtime/features.ts). Without it the Up and Down buttons remain, as they do beside it.
import { registerFeature } from "../features-hook.js";
import { wireDrag } from "../ui/sequence-drag.js";

registerFeature({ start: (c) => wireDrag(c.p.doc, c.capture) });
