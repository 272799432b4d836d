// Which optional peers verifying a ZIP takes, from its central directory alone (no entry is inflated), with
// the same kind detection as verify.ts: a manifest makes it SCORM 1.2, else a tincan.xml makes it TinCan.
// A file that is missing, not a ZIP, or of a kind verify refuses needs none: verify reports it without playing.
import path from "node:path";
import { VERIFY_PEERS, type OptionalPeer } from "../optional-deps.js";
import { zipEntries } from "../package/read-zip.js";
import { MANIFEST } from "../standards/scorm12/verify/manifest-rules.js";
import { tincanRoot } from "../standards/tincan/verify/tincan-rules.js";

export function neededPeers(file: string): readonly OptionalPeer[] {
  let names: string[];
  try {
    names = zipEntries(file)
      .map((e) => e.name)
      .filter((n) => !n.endsWith("/"));
  } catch {
    return [];
  }
  if (names.some((n) => path.posix.basename(n).toLowerCase() === MANIFEST)) return names.includes("cmi5.xml") ? [] : VERIFY_PEERS.scorm12;
  return tincanRoot(names).root !== undefined ? VERIFY_PEERS.xapi : [];
}
