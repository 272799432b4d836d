// Temporary folders of a verification in progress (unpacked package, browser profile): removed when done,
// and by `removeAllTempDirs` when the process is interrupted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

export function removeAllTempDirs(): void {
  for (const dir of [...live]) removeTempDir(dir);
}
