// `npm run test:fast`: the edit-test loop. Every unit and jsdom test, no Chromium (CW_NO_BROWSER makes the
// browser tests skip, test/helpers/browser.ts), and not the packed-tarball install, which is a whole npm
// install. CI runs everything: `npm test` (vitest.config.ts).
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["test/pack-install.test.ts", "**/node_modules/**"],
      env: { CW_NO_BROWSER: "1" },
      // Files share their worker's loaded modules instead of loading src/ and the dependencies again each
      // (a third of this lane's time). Tests leave no global state behind (they restore what they stub), and
      // CI, with `npm test`, runs every file isolated.
      isolate: false,
    },
  }),
);
