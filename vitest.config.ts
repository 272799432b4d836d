import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: on the 2-core machines CI and authors use, one
    // worker, and the tests ran one file at a time. Most of a file's time is its own CPU (builds, jsdom),
    // so every core runs a file.
    maxWorkers: os.availableParallelism(),
  },
});
