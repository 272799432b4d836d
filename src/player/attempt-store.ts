// Where the player keeps a learner's attempt between launches: CMI per SCORM unit and the xAPI
// registration. In memory for tests and verify; a JSON file (written atomically) for preview, so
// close-and-resume works across reloads and restarts.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

interface AttemptData {
  units: Record<string, string>;
  registration: string;
}

export class AttemptStore {
  private data: AttemptData;

  private constructor(private readonly file: string | undefined) {
    this.data = { units: {}, registration: randomUUID() };
    if (!file) return;
    try {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<AttemptData>;
      this.data = { units: saved.units ?? {}, registration: saved.registration ?? this.data.registration };
      if (saved.registration) return;
    } catch {
      /* missing or unreadable: start a new attempt */
    }
    // Keep the new registration at once: xAPI content may save progress under it before any SCORM-style
    // commit reaches this store, and a restart must find the same registration.
    this.write();
  }

  static inMemory(): AttemptStore {
    return new AttemptStore(undefined);
  }

  static inFile(file: string): AttemptStore {
    return new AttemptStore(file);
  }

  get registration(): string {
    return this.data.registration;
  }

  unit(id: string): string | undefined {
    return this.data.units[id];
  }

  saveUnit(id: string, cmiJson: string): void {
    this.data.units[id] = cmiJson;
    this.write();
  }

  /** A new attempt: no CMI, a new xAPI registration. */
  reset(): void {
    this.data = { units: {}, registration: randomUUID() };
    this.write();
  }

  private write(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data));
    fs.renameSync(tmp, this.file);
  }
}
