// Feature: `::: tabs` blocks as the WAI-ARIA APG Tabs pattern; in a package only when one of its units has a
// page with tabs (src/runtime/features.ts). Without it there is nothing to show: every panel reads in order.
import { setupTabs } from "../blocks/tabs.js";
import { registerFeature } from "../features-hook.js";

registerFeature({ start: (c) => setupTabs(c.p.doc) });
