// What the preview server needs from the LRS: one that keeps its data in a file. How a launch URL points
// content at it is the standard's (its simulation's launchQuery).
import { startLrs, type LrsCredentials, type RunningLrs } from "./server.js";

export interface PreviewLrsOptions {
  /** SQLite file; its folder is created if missing. Data survives preview restarts. */
  dbFile: string;
  /** Default 0 (any free port). */
  port?: number;
  credentials?: LrsCredentials;
}

/** A file-backed development LRS on 127.0.0.1 (no faults, no latency). */
export function startPreviewLrs(options: PreviewLrsOptions): Promise<RunningLrs> {
  return startLrs({
    dbFile: options.dbFile,
    port: options.port ?? 0,
    ...(options.credentials ? { credentials: [options.credentials] } : {}),
  });
}
