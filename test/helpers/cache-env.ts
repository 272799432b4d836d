// Tests of what builds keep in the cache folder (src/cache-folder.ts) point COURSEWRIGHT_CACHE_DIR at
// folders of their own; this puts the variable back and removes the folders when the file is done.
import { afterAll } from "vitest";
import { ScratchFolder } from "./content-fixture.js";

export function scratchCacheRoot(prefix: string): ScratchFolder {
  const scratch = new ScratchFolder(prefix);
  const previous = process.env.COURSEWRIGHT_CACHE_DIR;
  afterAll(() => {
    if (previous === undefined) delete process.env.COURSEWRIGHT_CACHE_DIR;
    else process.env.COURSEWRIGHT_CACHE_DIR = previous;
    scratch.remove();
  });
  return scratch;
}
