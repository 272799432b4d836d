// Watches folders (recursively) and reports a batch of changed files once they have been quiet for a while,
// so an editor's save (often several events: write, rename, chmod) or a `git checkout` triggers one rebuild.
import fs from "node:fs";
import path from "node:path";

export interface WatchOptions {
  /**
   * Quiet time before reporting, in ms (default 5): the events of one save (truncate, write, rename, chmod) come
   * within it. A change that comes while a rebuild runs starts one more after it, and the build it superseded
   * reports nothing (preview.ts), so a longer wait would only delay what the author sees.
   */
  readonly debounceMs?: number;
  /** Files to leave out (absolute paths), e.g. preview's own state folder when it sits inside a watched one. */
  readonly ignore?: (file: string) => boolean;
  /** A watcher failed (e.g. its folder was deleted). */
  readonly onError?: (dir: string, err: Error) => void;
}

export interface Watcher {
  close(): void;
}

export function watchFolders(dirs: readonly string[], onChange: (files: string[]) => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 5;
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    if (closed || changed.size === 0) return;
    const files = [...changed].sort();
    changed.clear();
    onChange(files);
  };

  const watchers = dirs.map((dir) => {
    const w = fs.watch(dir, { recursive: true, persistent: true }, (_event, filename) => {
      if (closed) return;
      const file = filename ? path.join(dir, filename.toString()) : dir;
      if (options.ignore?.(file)) return;
      changed.add(file);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    w.on("error", (err) => options.onError?.(dir, err));
    return w;
  });

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const w of watchers) w.close();
    },
  };
}
