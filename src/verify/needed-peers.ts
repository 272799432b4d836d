// Which optional peers verifying a ZIP takes, from its central directory alone (no entry is inflated), with
// the same detection as verify.ts (src/standards/detect.ts) and the peers the standard's simulation names,
// plus Chromium's driver. A file that is missing, not a ZIP, or of a kind verify refuses needs none: verify
// reports it without playing. Without the entries' text a reader cannot tell two standards that share a
// control file apart (SCORM 1.2 and 2004 by the manifest's namespace); the first that may have it answers.
import type { OptionalPeer } from "../optional-deps.js";
import { zipEntries } from "../package/read-zip.js";
import { detectPackage } from "../standards/detect.js";

export function neededPeers(file: string): readonly OptionalPeer[] {
  let names: string[];
  try {
    names = zipEntries(file)
      .map((e) => e.name)
      .filter((n) => !n.endsWith("/"));
  } catch {
    return [];
  }
  const detected = detectPackage(names, () => undefined);
  if (!("standard" in detected) || !detected.standard.verify) return [];
  return ["playwright-core", ...(detected.standard.simulation?.peers ?? [])];
}
