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
    },
  }),
);
