// /statements (Communication §2.1): PUT one, POST one or many (all-or-nothing), GET one or a filtered page.
import { randomUUID } from "node:crypto";
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
  parseBoolean,
  parseTimestamp,
  unknownParams,
  type LrsRequest,
  type Reply,
} from "./http.js";
import { parseJsonText } from "../net/json-text.js";
import { isJsonObject, type JsonObject, type JsonValue } from "./json.js";
import { StatementConflictError, type StatementFilter, type StatementStore } from "./statement-store.js";
import { isUuid, normalizeStatement, validateStatement, type ValidationReason } from "./validate-statement.js";

/** The most statements one GET returns (also what limit=0 means). */
export const MAX_PAGE_SIZE = 100;

const GET_PARAMS = [
  "statementId",
  "voidedStatementId",
  "agent",
  "verb",
  "activity",
  "registration",
  "related_activities",
  "related_agents",
  "since",
  "until",
  "limit",
  "format",
  "attachments",
  "ascending",
  "more",
] as const;

export interface StatementsContext {
  store: StatementStore;
  /** e.g. "/xapi/": `more` links are paths below it. */
  basePath: string;
}

/** The LRS sets authority to the credentials that sent the statement (Data §2.4.9). */
function authorityFor(username: string): JsonObject {
  return { objectType: "Agent", name: username, account: { homePage: "https://coursewright.invalid/dev-lrs", name: username } };
}

function parseJsonBody(req: LrsRequest): { value: JsonValue } | { error: Reply } {
  const type = mediaType(header(req, "content-type"));
  if (type === "multipart/mixed") {
    return { error: errorReply(400, "attachments (multipart/mixed) are not supported by this development LRS") };
  }
  if (type !== "application/json") return { error: errorReply(400, "Content-Type must be application/json") };
  const parsed = parseJsonText(req.body.toString("utf8"));
  return "error" in parsed ? { error: errorReply(400, `request body is ${parsed.error.replace(/^JSON/, "JSON that")}`) } : { value: parsed.value as JsonValue };
}

/** Without multipart (not supported here), every attachment must point to its data with fileUrl (§1.5.2). */
function attachmentsWithoutUrl(statement: JsonObject, index: number): ValidationReason[] {
  const attachments = statement["attachments"];
  if (!Array.isArray(attachments)) return [];
  const unsupported = "attachment data (multipart/mixed, signed statements) is not supported by this development LRS";
  return attachments.flatMap((a, i) => {
    if (isJsonObject(a) && typeof a["fileUrl"] === "string") return [];
    const where = `statement.attachments.${i}`;
    return [{ statement: index, path: where, problem: "AttachmentDataWarning", message: `${where} needs a fileUrl: ${unsupported}` }];
  });
}

/** Validates every statement (all must pass) and gives each an id; the batch is rejected as a whole. */
function prepareBatch(received: JsonValue[]): { statements: JsonObject[] } | { error: Reply } {
  const reasons: ValidationReason[] = [];
  const statements: JsonObject[] = [];
  received.forEach((raw, index) => {
    const normalized = normalizeStatement(raw);
    const found = validateStatement(normalized, index);
    if (found.length === 0 && isJsonObject(normalized)) found.push(...attachmentsWithoutUrl(normalized, index));
    reasons.push(...found);
    if (found.length === 0 && isJsonObject(normalized)) {
      statements.push(typeof normalized["id"] === "string" ? normalized : { id: randomUUID(), ...normalized });
    }
  });
  if (reasons.length > 0) {
    return { error: errorReply(400, "invalid statement(s): nothing was stored", { reasons: reasons.map((r) => ({ ...r })) }) };
  }
  const seen = new Set<string>();
  for (const s of statements) {
    const id = String(s["id"]).toLowerCase();
    if (seen.has(id)) return { error: errorReply(400, `statement id ${id} appears twice in the batch: nothing was stored`) };
    seen.add(id);
  }
  return { statements };
}

function store(ctx: StatementsContext, req: LrsRequest, statements: JsonObject[]): { ids: string[] } | { error: Reply } {
  try {
    return { ids: ctx.store.insert(statements, authorityFor(req.username)) };
  } catch (e) {
    if (e instanceof StatementConflictError) {
      return { error: errorReply(409, `${e.message}: nothing was stored`, { statementId: e.statementId }) };
    }
    throw e;
  }
}

function put(ctx: StatementsContext, req: LrsRequest): Reply {
  const bad = unknownParams(req.query, ["statementId"]);
  if (bad) return bad;
  const statementId = req.query.get("statementId");
  if (statementId === null) return errorReply(400, "PUT /statements needs a statementId parameter");
  if (!isUuid(statementId)) return errorReply(400, "statementId must be a UUID");
  const body = parseJsonBody(req);
  if ("error" in body) return body.error;
  if (!isJsonObject(body.value)) return errorReply(400, "PUT /statements takes one statement object");
  const bodyId = body.value["id"];
  if (bodyId !== undefined && (typeof bodyId !== "string" || bodyId.toLowerCase() !== statementId.toLowerCase())) {
    return errorReply(400, "the statement's id does not match the statementId parameter");
  }
  const batch = prepareBatch([{ ...body.value, id: bodyId ?? statementId }]);
  if ("error" in batch) return batch.error;
  const result = store(ctx, req, batch.statements);
  return "error" in result ? result.error : noContent();
}

function post(ctx: StatementsContext, req: LrsRequest): Reply {
  // Alternate request syntax (method=… with form parameters) is not supported: any parameter is unknown.
  const bad = unknownParams(req.query, []);
  if (bad) return bad;
  const body = parseJsonBody(req);
  if ("error" in body) return body.error;
  const received = Array.isArray(body.value) ? body.value : [body.value];
  const batch = prepareBatch(received);
  if ("error" in batch) return batch.error;
  const result = store(ctx, req, batch.statements);
  return "error" in result ? result.error : jsonReply(200, result.ids);
}

interface Cursor {
  filter: StatementFilter;
  limit: number;
  afterSeq: number;
  maxSeq: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const FILTER_TYPES: Record<keyof StatementFilter, "string" | "boolean"> = {
  agent: "string",
  verb: "string",
  activity: "string",
  registration: "string",
  relatedAgents: "boolean",
  relatedActivities: "boolean",
  since: "string",
  until: "string",
  ascending: "boolean",
};

/** The cursor is client input too: every field must have the type the query binds, else 400 (not a SQLite error). */
function decodeCursor(value: string): Cursor | undefined {
  const parsed = parseJsonText(Buffer.from(value, "base64url").toString("utf8"));
  if ("error" in parsed || !isJsonObject(parsed.value as JsonValue)) return undefined;
  const c = parsed.value as Partial<Record<keyof Cursor, JsonValue>>;
  const count = (n: JsonValue | undefined): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!count(c.limit) || !count(c.afterSeq) || !count(c.maxSeq) || !isJsonObject(c.filter)) return undefined;
  for (const [key, v] of Object.entries(c.filter)) {
    if (!Object.hasOwn(FILTER_TYPES, key) || typeof v !== FILTER_TYPES[key as keyof StatementFilter]) return undefined;
  }
  return c as unknown as Cursor;
}

/** Reads the filter parameters; a string is the reason for a 400. */
function parseFilter(q: URLSearchParams): { filter: StatementFilter; limit: number } | string {
  const filter: StatementFilter = {};
  const agent = q.get("agent");
  if (agent !== null) {
    const parsed = parseJsonText(agent);
    if ("error" in parsed) return "agent must be a JSON Agent or identified Group";
    const key = agentKey(parsed.value as JsonValue);
    if (key === undefined) return "agent must have exactly one inverse functional identifier";
    filter.agent = key;
  }
  const verb = q.get("verb");
  if (verb !== null) {
    if (!isAbsoluteIri(verb)) return "verb must be an IRI";
    filter.verb = verb;
  }
  const activity = q.get("activity");
  if (activity !== null) {
    if (!isAbsoluteIri(activity)) return "activity must be an IRI";
    filter.activity = activity;
  }
  const registration = q.get("registration");
  if (registration !== null) {
    if (!isUuid(registration)) return "registration must be a UUID";
    filter.registration = registration.toLowerCase();
  }
  for (const [param, key] of [
    ["related_agents", "relatedAgents"],
    ["related_activities", "relatedActivities"],
    ["ascending", "ascending"],
  ] as const) {
    const b = parseBoolean(q.get(param));
    if (b === "invalid") return `${param} must be true or false`;
    if (b !== undefined) filter[key] = b;
  }
  for (const param of ["since", "until"] as const) {
    const value = q.get(param);
    if (value === null) continue;
    const t = parseTimestamp(value);
    if (t === undefined) return `${param} must be an ISO 8601 timestamp with a time zone`;
    filter[param] = t;
  }
  const format = q.get("format");
  if (format !== null && !["ids", "exact", "canonical"].includes(format)) return "format must be ids, exact or canonical";
  if (parseBoolean(q.get("attachments")) === true) return "attachments are not supported by this development LRS";
  const limitParam = q.get("limit");
  let limit = MAX_PAGE_SIZE;
  if (limitParam !== null) {
    if (!/^\d+$/.test(limitParam)) return "limit must be a non-negative integer";
    const n = Number(limitParam);
    limit = n === 0 ? MAX_PAGE_SIZE : Math.min(n, MAX_PAGE_SIZE);
  }
  return { filter, limit };
}

function getOne(ctx: StatementsContext, q: URLSearchParams): Reply {
  const others = [...q.keys()].filter((k) => !["statementId", "voidedStatementId", "format", "attachments"].includes(k));
  if (others.length > 0) return errorReply(400, `statementId/voidedStatementId cannot be combined with ${others.join(", ")}`);
  const statementId = q.get("statementId");
  const voidedId = q.get("voidedStatementId");
  if (statementId !== null && voidedId !== null) return errorReply(400, "give statementId or voidedStatementId, not both");
  const id = (statementId ?? voidedId) as string;
  if (!isUuid(id)) return errorReply(400, "the statement id must be a UUID");
  if (parseBoolean(q.get("attachments")) === true) return errorReply(400, "attachments are not supported by this development LRS");
  const found = ctx.store.get(id, voidedId !== null);
  if (!found) return errorReply(404, voidedId !== null ? `no voided statement ${id}` : `no statement ${id}`);
  return jsonReply(200, found.statement, { "Last-Modified": httpDate(found.stored) });
}

function get(ctx: StatementsContext, req: LrsRequest): Reply {
  const q = req.query;
  const bad = unknownParams(q, GET_PARAMS);
  if (bad) return bad;
  if (q.has("statementId") || q.has("voidedStatementId")) return getOne(ctx, q);

  let cursor: Cursor;
  const more = q.get("more");
  if (more !== null) {
    if ([...q.keys()].some((k) => k !== "more")) return errorReply(400, "more cannot be combined with other parameters");
    const decoded = decodeCursor(more);
    if (!decoded) return errorReply(400, "more is not a cursor this LRS issued");
    cursor = decoded;
  } else {
    const parsed = parseFilter(q);
    if (typeof parsed === "string") return errorReply(400, parsed);
    cursor = { filter: parsed.filter, limit: parsed.limit, afterSeq: 0, maxSeq: ctx.store.maxSeq() };
  }
  const page = ctx.store.query(cursor.filter, cursor.limit, more === null ? undefined : cursor.afterSeq, cursor.maxSeq);
  const next = page.more ? `${ctx.basePath}statements?more=${encodeCursor({ ...cursor, afterSeq: page.lastSeq })}` : "";
  return jsonReply(200, { statements: page.statements, more: next });
}

export function handleStatements(ctx: StatementsContext, req: LrsRequest): Reply {
  switch (req.method) {
    case "GET":
      return get(ctx, req);
    case "PUT":
      return put(ctx, req);
    case "POST":
      return post(ctx, req);
    default:
      return methodNotAllowed(req.method, "/statements", "GET, PUT, POST");
  }
}
