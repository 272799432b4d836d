// The request/reply shapes the resource handlers work with. Handlers return a Reply instead of writing to the
// socket, so the server can still delay it, drop it (fault injection) and log it in one place.
import type { IncomingHttpHeaders } from "node:http";
import type { JsonValue } from "./json.js";

export interface LrsRequest {
  method: string;
  /** Path below the base path, e.g. "statements" or "activities/state". */
  resource: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The authenticated user (Basic auth). */
  username: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export function jsonReply(status: number, value: JsonValue, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(value) };
}

/** Errors are JSON with an `error` message (and optional details) so tests and developers can read why. */
export function errorReply(status: number, message: string, details: Record<string, JsonValue> = {}): Reply {
  return jsonReply(status, { error: message, ...details });
}

export function methodNotAllowed(method: string, resource: string, allow: string): Reply {
  const reply = errorReply(405, `${method} is not allowed on ${resource}`);
  return { ...reply, headers: { ...reply.headers, Allow: allow } };
}

export function noContent(headers: Record<string, string> = {}): Reply {
  return { status: 204, headers };
}

export function header(req: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** The media type without parameters, lower-case ("application/json; charset=utf-8" → "application/json"). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** 400 for any parameter this resource does not define (Communication §3.2: unknown or wrongly-cased names). */
export function unknownParams(query: URLSearchParams, allowed: readonly string[]): Reply | undefined {
  const unknown = [...new Set(query.keys())].filter((k) => !allowed.includes(k));
  if (unknown.length > 0) return errorReply(400, `unknown parameter(s): ${unknown.join(", ")}`, { allowed: [...allowed] });
  const repeated = [...new Set(query.keys())].filter((k) => query.getAll(k).length > 1);
  if (repeated.length > 0) return errorReply(400, `parameter(s) given more than once: ${repeated.join(", ")}`);
  return undefined;
}

/** Parses an xAPI Timestamp parameter to the stored form (ISO 8601 UTC with ms); undefined if unparseable. */
export function parseTimestamp(value: string): string | undefined {
  // Require a date and a time with a zone, as the spec's Timestamps have; Date.parse alone accepts too much.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function parseBoolean(value: string | null): boolean | undefined | "invalid" {
  if (value === null) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  return "invalid";
}

/** An absolute IRI: a scheme then ':' (what an activity or verb id must at least be). */
export function isAbsoluteIri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
