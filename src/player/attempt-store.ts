// Where the player keeps a learner's attempt between launches: CMI per SCORM unit and the xAPI
// registration. In memory for tests and verify; a JSON file (written atomically) for preview, so
// close-and-resume works across reloads and restarts. Unit ids come from requests: they key a Map, never a
// plain object, so `__proto__` or `constructor` is just another (unknown) id.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

interface AttemptFile {
  units: Record<string, string>;
  registration: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AttemptStore {
  private units = new Map<string, string>();
  private currentRegistration: string = randomUUID();

  private constructor(private readonly file: string | undefined) {
    if (!file) return;
    if (this.load(file)) return;
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
    return this.currentRegistration;
  }

  unit(id: string): string | undefined {
    return this.units.get(id);
  }

  saveUnit(id: string, cmiJson: string): void {
    this.units.set(id, cmiJson);
    this.write();
  }

  /** A new attempt: no CMI, a new xAPI registration. */
  reset(): void {
    this.units = new Map();
    this.currentRegistration = randomUUID();
    this.write();
  }

  /** True when the file held an attempt with a registration; a missing, unreadable or odd file starts anew. */
  private load(file: string): boolean {
    let saved: unknown;
    try {
      saved = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      return false;
    }
    if (typeof saved !== "object" || saved === null) return false;
    const { units, registration } = saved as Partial<Record<keyof AttemptFile, unknown>>;
    if (typeof units === "object" && units !== null) {
      for (const [id, cmi] of Object.entries(units)) if (typeof cmi === "string") this.units.set(id, cmi);
    }
    if (typeof registration !== "string" || !UUID.test(registration)) return false;
    this.currentRegistration = registration;
    return true;
  }

  private write(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    // Object.fromEntries defines own properties, so an id such as "__proto__" is written as data.
    const data: AttemptFile = { units: Object.fromEntries(this.units), registration: this.currentRegistration };
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, this.file);
  }
}
