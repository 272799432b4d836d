// Strict statement validation with @learninglocker/xapi-validation (the rules Learning Locker applies), turned
// into readable reasons. A development LRS should be at least as strict as the LRSs courses will meet.
import { createRequire } from "node:module";
import { isJsonObject, type JsonObject, type JsonValue } from "./json.js";

/** The parts of a rulr `Warning` (and its subclasses) that we read to explain a rejection. */
interface LibWarning {
  name?: string;
  path: string[];
  keys?: string[];
  typeName?: string;
  type?: { name: string };
  usedIfis?: string[];
  raw?: number;
  min?: number;
  max?: number;
  requiredValue?: unknown;
  contentType?: string;
  invalidComponents?: string[];
  warnings?: LibWarning[];
  constructor: { name: string };
}
type ValidateFn = (data: unknown) => LibWarning[];
type RuleFn = (data: unknown, path: string[]) => LibWarning[];

// The library is CommonJS with `exports.default`; require() gives the same shape under Node, tsc and vitest.
const require = createRequire(import.meta.url);
const validateWithLibrary = (require("@learninglocker/xapi-validation") as { default: ValidateFn }).default;
const rules = require("@learninglocker/xapi-validation/dist/factory.js") as { agent: RuleFn };

export interface ValidationReason {
  /** Index of the statement in the request (0 for a single statement). */
  statement: number;
  /** Where in the statement, e.g. "statement.result.success". */
  path: string;
  /** The library's warning class, e.g. "TypeWarning". */
  problem: string;
  message: string;
}

function describe(w: LibWarning): string {
  const kind = w.name ?? w.constructor.name;
  switch (kind) {
    case "TypeWarning":
      return `must be a valid ${w.typeName ?? w.type?.name ?? "value"}`;
    case "RequiredWarning":
      return "is required";
    case "RestrictedKeysWarning":
      return `has properties that are not allowed here: ${(w.keys ?? []).join(", ")}`;
    case "NoIfiWarning":
      return "needs one inverse functional identifier (mbox, mbox_sha1sum, openid or account)";
    case "IfiCountWarning":
      return `must have exactly one inverse functional identifier, has ${(w.usedIfis ?? []).join(", ")}`;
    case "RawLessThanMinWarning":
      return `score.raw ${w.raw} is less than score.min ${w.min}`;
    case "RawMoreThanMaxWarning":
      return `score.raw ${w.raw} is more than score.max ${w.max}`;
    case "MinMoreThanMaxWarning":
      return `score.min ${w.min} is more than score.max ${w.max}`;
    case "VoidWarning":
      return "a voiding statement's object must be a StatementRef";
    case "RestrictedValueWarning":
      return `must be ${JSON.stringify(w.requiredValue)}`;
    case "InvalidComponentsWarning":
      return `has interaction components not allowed for this interactionType: ${(w.invalidComponents ?? []).join(", ")}`;
    case "MissingInteractionTypeWarning":
      return "interaction components need an interactionType";
    default:
      return kind.replace(/Warning$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  }
}

function flatten(warnings: LibWarning[]): LibWarning[] {
  return warnings.flatMap((w) => (w.warnings && w.warnings.length > 0 ? flatten(w.warnings) : [w]));
}

function toReasons(warnings: LibWarning[], index: number): ValidationReason[] {
  return flatten(warnings).map((w) => ({
    statement: index,
    path: w.path.join("."),
    problem: w.name ?? w.constructor.name,
    message: `${w.path.join(".")} ${describe(w)}`,
  }));
}

/**
 * xAPI lets contextActivities values be a single Activity and requires the LRS to return arrays
 * (Data §2.4.6.2); the library only accepts arrays, so single objects are wrapped before validating.
 */
export function normalizeStatement(statement: JsonValue): JsonValue {
  if (!isJsonObject(statement)) return statement;
  const out: JsonObject = { ...statement };
  const wrap = (holder: JsonObject): JsonObject => {
    const context = holder["context"];
    if (!isJsonObject(context) || !isJsonObject(context["contextActivities"])) return holder;
    const ca: JsonObject = { ...context["contextActivities"] };
    for (const [k, v] of Object.entries(ca)) if (isJsonObject(v)) ca[k] = [v];
    return { ...holder, context: { ...context, contextActivities: ca } };
  };
  const object = out["object"];
  if (isJsonObject(object) && object["objectType"] === "SubStatement") out["object"] = wrap(object);
  return wrap(out);
}

/** Reasons why one statement is invalid; empty when it is valid. */
export function validateStatement(statement: JsonValue, index = 0): ValidationReason[] {
  return toReasons(validateWithLibrary(statement), index);
}

/** Reasons why a query/document `agent` parameter is not an Agent with exactly one IFI. */
export function validateAgentParam(agent: unknown, param = "agent"): string[] {
  if (!isJsonObject(agent)) return [`${param} must be a JSON Agent object`];
  return flatten(rules.agent(agent, [param])).map((w) => `${w.path.join(".")} ${describe(w)}`);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
