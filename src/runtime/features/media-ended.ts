// Feature: a page that counts as viewed once its media marked `complete-when: ended` has played to the end; in
// a package only when one of its units has such a page (src/runtime/features.ts). The core leaves such a page
// unviewed when it is shown (its runtime data lists the pages that wait); this marks it viewed and commits.
import { watchMedia } from "../blocks/media.js";
import { registerFeature } from "../features-hook.js";

registerFeature({
  start: ({ p }) =>
    watchMedia(p.doc, (i) => {
      if (!p.state.visited[i]) {
        p.state.visited[i] = true;
        p.commit([]);
      }
    }),
});
