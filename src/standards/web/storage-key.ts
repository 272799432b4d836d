// Where a plain web package keeps the learner's place and answers: one localStorage entry per course (WHATWG
// HTML §12.2 Web storage), shared by the runtime and the player's panel. Named by the course id alone, not by
// the structure's fingerprint, so a rebuilt course still resumes: the state codec refuses state of another
// structure by itself (the bookmark still applies), and a page served from file:// shares its storage with
// every other local page, so the course id keeps courses apart.
export const STORAGE_PREFIX = "cw-web:";

export const storageKey = (courseId: string): string => STORAGE_PREFIX + courseId;

/** What one entry holds. */
export interface KeptProgress {
  readonly location: string;
  readonly state: string;
}

/** The entry's text as progress, or undefined when it is not one (absent, another shape, edited by hand). */
export function readProgress(text: string | null): KeptProgress | undefined {
  try {
    const v = JSON.parse(text ?? "") as Partial<KeptProgress> | null;
    return v && typeof v.location === "string" && typeof v.state === "string" ? { location: v.location, state: v.state } : undefined;
  } catch {
    return undefined;
  }
}
