// The development LRS (see README.md beside this file): for tests and local preview, not for production.
export {
  startLrs,
  basicAuthorization,
  DEFAULT_LRS_CREDENTIALS,
  XAPI_VERSION,
  BASE_PATH,
  type StartLrsOptions,
  type RunningLrs,
  type LrsCredentials,
  type LrsRequestLogEntry,
  type StoredStateDocument,
  type StoredAgentProfile,
} from "./server.js";
export type { LrsFault, StatusFault, DropResponseFault, DownFault, DelayFault, FaultScope } from "./faults.js";
export { startPreviewLrs, type PreviewLrsOptions } from "./preview.js";
export { validateStatement, normalizeStatement, type ValidationReason } from "./validate-statement.js";
export { agentKey } from "./agent-key.js";
export { MAX_PAGE_SIZE } from "./statements-resource.js";
export type { JsonObject, JsonValue } from "./json.js";
