// What the document resources (State, Agent Profile) share: one request handler over a DocumentStore, with the
// document rules of xAPI 1.0.3 Part 3 §2.2 and the concurrency of §3.1. Each resource file gives its parameters
// and how they name a scope.
import { agentKey } from "./agent-key.js";
import type { Documents, DocumentScope, StoredDocument } from "./document-store.js";
import { errorReply, header, httpDate, jsonReply, mediaType, methodNotAllowed, noContent, parseTimestamp, unknownParams, type LrsRequest, type Reply } from "./http.js";
import { parseJsonText } from "../net/json-text.js";
import { isJsonObject, type JsonObject, type JsonValue } from "./json.js";
import { validateAgentParam } from "./validate-statement.js";

export interface DocumentResource<Scope extends DocumentScope> {
  /** For messages, e.g. "/activities/state". */
  readonly path: string;
  /** The parameter naming one document, e.g. "stateId". */
  readonly idParam: string;
  /** What a document is called in a 404, e.g. "state document". */
  readonly noun: string;
  /** The parameters allowed when naming one document, and when listing ids. */
  readonly params: { readonly single: readonly string[]; readonly list: readonly string[] };
  /** The scope the parameters name, or the reason for a 400. */
  parseScope(q: URLSearchParams): Scope | string;
  /**
   * "optional": §3.1.s3, the State resource permits writes without concurrency headers. "required": the profile
   * resources, where a write to an existing document must name what it replaces.
   */
  readonly concurrency: "optional" | "required";
  /** §2.3.s5: a DELETE without an id deletes the scope's documents (the State resource only). */
  readonly deleteAll: boolean;
}

/** The `agent` parameter's key: a JSON Agent with exactly one IFI (Data §2.4.2.1), or the reason for a 400. */
export function agentParamKey(q: URLSearchParams): { key: string } | { error: string } {
  const agentParam = q.get("agent");
  if (agentParam === null) return { error: "agent is required" };
  const parsed = parseJsonText(agentParam);
  if ("error" in parsed) return { error: "agent must be a JSON Agent object" };
  const agent = parsed.value as JsonValue;
  const problems = validateAgentParam(agent);
  const key = agentKey(agent);
  if (problems.length > 0 || key === undefined) return { error: problems.join("; ") || "agent needs exactly one IFI" };
  return { key };
}

/** Entity tags in an If-Match / If-None-Match header, unquoted ("*" stays "*"). */
function etags(value: string): string[] {
  return value.split(",").map((t) => t.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1"));
}

function preconditionFailure(req: LrsRequest, current: StoredDocument | undefined, concurrency: DocumentResource<DocumentScope>["concurrency"]): Reply | undefined {
  const ifMatch = header(req, "if-match");
  const ifNoneMatch = header(req, "if-none-match");
  if (concurrency === "required" && current && ifMatch === undefined && ifNoneMatch === undefined) {
    // §3.1.s4.b13–b15: a PUT with neither header to an existing document is a 409 that says how to resolve it.
    // POST and DELETE too: §3.1.s3.b2–b3 ask clients for the headers with a SHOULD*, which Part 1 §2.1 says to
    // treat as a MUST; a development LRS holds content to it so a blind overwrite is caught before a real LRS.
    return errorReply(409, `the document exists: GET it for its current state, then ${req.method} again with If-Match set to its ETag`);
  }
  // §3.1.s4.b5, b7: If-Match must name the current ETag (or be * with a document present).
  if (ifMatch !== undefined) {
    const tags = etags(ifMatch);
    if (!current || !(tags.includes("*") || tags.includes(current.etag))) {
      return errorReply(412, current ? "If-Match does not match the document's current ETag" : "If-Match given but there is no document");
    }
  }
  // §3.1.s4.b6, b8: If-None-Match: * fails when a document is present.
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

function write<S extends DocumentScope>(resource: DocumentResource<S>, store: Documents<S>, req: LrsRequest, scope: S, id: string): Reply {
  const current = store.get(scope, id);
  const failed = preconditionFailure(req, current, resource.concurrency);
  if (failed) return failed;
  const isJson = mediaType(requestContentType(req)) === "application/json";
  // A body labelled JSON must be JSON (§3.2.s3.b6: content must match its Content-Type), or a later POST merge breaks.
  if (isJson) {
    const parsed = parseJsonText(req.body.toString("utf8"));
    if ("error" in parsed) return errorReply(400, `the body is labelled application/json but is ${parsed.error.replace(/^JSON/, "JSON that")}`);
  }
  if (req.method === "POST" && current) {
    // §2.2.s7: merge top-level properties, only when both documents are JSON objects (§2.2.s8.b1: else 400).
    const posted = isJson ? parseJsonObject(req.body) : undefined;
    const existing = mediaType(current.contentType) === "application/json" ? parseJsonObject(current.content) : undefined;
    if (!posted || !existing) {
      return errorReply(400, "POST merges JSON objects only: both the stored and the posted document must be application/json objects");
    }
    store.put(scope, id, Buffer.from(JSON.stringify({ ...existing, ...posted })), "application/json");
    return noContent();
  }
  store.put(scope, id, req.body, requestContentType(req));
  return noContent();
}

/** GET without an id: the ids in the scope, `since` (exclusive) limiting them, Last-Modified the latest (§2.2.s6.b2). */
function listIds<S extends DocumentScope>(store: Documents<S>, q: URLSearchParams, scope: S): Reply {
  const sinceParam = q.get("since");
  const since = sinceParam === null ? undefined : parseTimestamp(sinceParam);
  if (sinceParam !== null && since === undefined) return errorReply(400, "since must be an ISO 8601 timestamp with a time zone");
  const { ids, lastUpdated } = store.list(scope, since);
  return jsonReply(200, ids, lastUpdated ? { "Last-Modified": httpDate(lastUpdated) } : {});
}

export function handleDocuments<S extends DocumentScope>(resource: DocumentResource<S>, store: Documents<S>, req: LrsRequest): Reply {
  const q = req.query;
  const id = q.get(resource.idParam);
  if (!["GET", "PUT", "POST", "DELETE"].includes(req.method)) return methodNotAllowed(req.method, resource.path, "GET, PUT, POST, DELETE");
  // §3.2.s3.b7–b8: any parameter the resource does not define is a 400.
  const bad = unknownParams(q, id === null && req.method === "GET" ? resource.params.list : resource.params.single);
  if (bad) return bad;
  const scope = resource.parseScope(q);
  if (typeof scope === "string") return errorReply(400, scope);

  if (id === null) {
    if (req.method === "GET") return listIds(store, q, scope);
    if (req.method === "DELETE" && resource.deleteAll) {
      store.deleteAll(scope);
      return noContent();
    }
    return errorReply(400, `${resource.idParam} is required`);
  }
  switch (req.method) {
    case "GET": {
      const doc = store.get(scope, id);
      if (!doc) return errorReply(404, `no ${resource.noun} ${id}`);
      // §3.1.s4.b1–b4: a quoted SHA-1 ETag; §2.2.s6.b1: Last-Modified.
      return { status: 200, headers: { "Content-Type": doc.contentType, ETag: `"${doc.etag}"`, "Last-Modified": httpDate(doc.updated) }, body: doc.content };
    }
    case "DELETE": {
      const failed = preconditionFailure(req, store.get(scope, id), resource.concurrency);
      if (failed) return failed;
      store.delete(scope, id);
      return noContent();
    }
    default:
      return write(resource, store, req, scope, id);
  }
}
