// A memo of work that is a pure function of some text (a YAML file's parse, a page's Markdown): a build
// in a long-lived process (preview's watch mode, the bench) redoes it only for the texts that changed.
// Bounded, so a preview session kept open for hours holds at most `limit` results, the least recently
// used dropped first (a Map iterates in insertion order; a hit is moved to the end).
import crypto from "node:crypto";

export class TextMemo<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit: number) {}

  /** The result for `text`, made by `make` when it is not kept (and kept when `keep` says so, default always). */
  get(text: string, make: () => T, keep: (value: T) => boolean = () => true): T {
    const key = keyOf(text);
    const found = this.entries.get(key);
    if (found !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, found as T);
      return found as T;
    }
    const value = make();
    if (keep(value)) {
      this.entries.set(key, value);
      if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A long text is kept under its SHA-1 (and length) instead: V8 hashes a string of more than 16,383 characters
 * by its length alone, so long texts of one length would all collide in the Map and be compared whole.
 */
function keyOf(text: string): string {
  // Marked, so a short text can never be taken for a long one's digest.
  return text.length <= 4096 ? `=${text}` : `#${text.length}:${crypto.createHash("sha1").update(text).digest("hex")}`;
}
