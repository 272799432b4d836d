// /activities/state (Communication §2.3 with the document rules of §2.2 and concurrency of §3.1).
import { agentKey } from "./agent-key.js";
import {
  errorReply,
  header,
  httpDate,
  isAbsoluteIri,
  jsonReply,
  mediaType,
  methodNotAllowed,
  noContent,
  parseTimestamp,
  unknownParams,
  type LrsRequest,
  type Reply,
} from "./http.js";
import { parseJsonText } from "../net/json-text.js";
import { isJsonObject, type JsonObject, type JsonValue } from "./json.js";
import type { StateDocument, StateScope, StateStore } from "./state-store.js";
import { isUuid, validateAgentParam } from "./validate-statement.js";

const PARAMS = {
  single: ["activityId", "agent", "registration", "stateId"],
  list: ["activityId", "agent", "registration", "since"],
} as const;

/** The scope named by activityId + agent + registration, or the reason for a 400. */
function parseScope(q: URLSearchParams): StateScope | string {
  const activityId = q.get("activityId");
  if (activityId === null) return "activityId is required";
  if (!isAbsoluteIri(activityId)) return "activityId must be an IRI";
  const agentParam = q.get("agent");
  if (agentParam === null) return "agent is required";
  const parsed = parseJsonText(agentParam);
  if ("error" in parsed) return "agent must be a JSON Agent object";
  const agent = parsed.value as JsonValue;
  const problems = validateAgentParam(agent);
  const key = agentKey(agent);
  if (problems.length > 0 || key === undefined) return problems.join("; ") || "agent needs exactly one IFI";
  const registration = q.get("registration");
  if (registration !== null && !isUuid(registration)) return "registration must be a UUID";
  return { activityId, agentKey: key, registration: registration?.toLowerCase() ?? "" };
}

/** Entity tags in an If-Match / If-None-Match header, unquoted ("*" stays "*"). */
function etags(value: string): string[] {
  return value.split(",").map((t) => t.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1"));
}

/** §3.1: If-Match must name the current ETag (or be * with a document present); If-None-Match: * needs none. */
function preconditionFailure(req: LrsRequest, current: StateDocument | undefined): Reply | undefined {
  const ifMatch = header(req, "if-match");
  if (ifMatch !== undefined) {
    const tags = etags(ifMatch);
    if (!current || !(tags.includes("*") || tags.includes(current.etag))) {
      return errorReply(412, current ? "If-Match does not match the document's current ETag" : "If-Match given but there is no document");
    }
  }
  const ifNoneMatch = header(req, "if-none-match");
  if (ifNoneMatch !== undefined && current) {
    const tags = etags(ifNoneMatch);
    if (tags.includes("*") || tags.includes(current.etag)) {
      return errorReply(412, "If-None-Match: the document already exists");
    }
  }
  return undefined;
}

function parseJsonObject(content: Buffer): JsonObject | undefined {
  const parsed = parseJsonText(content.toString("utf8"));
  return "error" in parsed || !isJsonObject(parsed.value as JsonValue) ? undefined : (parsed.value as JsonObject);
}

function requestContentType(req: LrsRequest): string {
  return header(req, "content-type") ?? "application/octet-stream";
}

function write(store: StateStore, req: LrsRequest, scope: StateScope, stateId: string): Reply {
  const current = store.get(scope, stateId);
  const failed = preconditionFailure(req, current);
  if (failed) return failed;
  const isJson = mediaType(requestContentType(req)) === "application/json";
  // A body labelled JSON must be JSON (§3.2: content must match its Content-Type), or a later POST merge breaks.
  if (isJson) {
    const parsed = parseJsonText(req.body.toString("utf8"));
    if ("error" in parsed) return errorReply(400, `the body is labelled application/json but is ${parsed.error.replace(/^JSON/, "JSON that")}`);
  }
  if (req.method === "POST" && current) {
    // §2.2 JSON procedure: merge top-level properties, only when both documents are JSON objects.
    const posted = isJson ? parseJsonObject(req.body) : undefined;
    const existing = mediaType(current.contentType) === "application/json" ? parseJsonObject(current.content) : undefined;
    if (!posted || !existing) {
      return errorReply(400, "POST merges JSON objects only: both the stored and the posted document must be application/json objects");
    }
    store.put(scope, stateId, Buffer.from(JSON.stringify({ ...existing, ...posted })), "application/json");
    return noContent();
  }
  store.put(scope, stateId, req.body, requestContentType(req));
  return noContent();
}

export function handleState(store: StateStore, req: LrsRequest): Reply {
  const q = req.query;
  const stateId = q.get("stateId");
  if (!["GET", "PUT", "POST", "DELETE"].includes(req.method)) {
    return methodNotAllowed(req.method, "/activities/state", "GET, PUT, POST, DELETE");
  }
  const bad = unknownParams(q, stateId === null && req.method === "GET" ? PARAMS.list : PARAMS.single);
  if (bad) return bad;
  const scope = parseScope(q);
  if (typeof scope === "string") return errorReply(400, scope);

  if (stateId === null) {
    if (req.method === "PUT" || req.method === "POST") return errorReply(400, "stateId is required");
    if (req.method === "DELETE") {
      store.deleteAll(scope);
      return noContent();
    }
    const sinceParam = q.get("since");
    const since = sinceParam === null ? undefined : parseTimestamp(sinceParam);
    if (sinceParam !== null && since === undefined) return errorReply(400, "since must be an ISO 8601 timestamp with a time zone");
    const { ids, lastUpdated } = store.list(scope, since);
    return jsonReply(200, ids, lastUpdated ? { "Last-Modified": httpDate(lastUpdated) } : {});
  }

  switch (req.method) {
    case "GET": {
      const doc = store.get(scope, stateId);
      if (!doc) return errorReply(404, `no state document ${stateId}`);
      return {
        status: 200,
        headers: { "Content-Type": doc.contentType, ETag: `"${doc.etag}"`, "Last-Modified": httpDate(doc.updated) },
        body: doc.content,
      };
    }
    case "DELETE": {
      const failed = preconditionFailure(req, store.get(scope, stateId));
      if (failed) return failed;
      store.delete(scope, stateId);
      return noContent();
    }
    default:
      return write(store, req, scope, stateId);
  }
}
