// Is a re-sent statement "the same" as the stored one (Data §2.3.1, Statement Comparison Requirements)?
// A retry after a lost response must be accepted as a no-op; a different statement reusing the id is a 409.
import { canonicalJson, isJsonObject, type JsonObject, type JsonValue } from "./json.js";

/** Properties the LRS sets or may change, so they never make two statements differ. */
const LRS_ASSIGNED = ["stored", "authority", "version"];

function comparable(statement: JsonObject): JsonValue {
  const copy: JsonObject = { ...statement };
  for (const key of LRS_ASSIGNED) delete copy[key];
  if (typeof copy["id"] === "string") copy["id"] = copy["id"].toLowerCase();
  // A timestamp is an instant: "…00Z" and "…00.000+00:00" are the same one.
  if (typeof copy["timestamp"] === "string") {
    const t = Date.parse(copy["timestamp"]);
    if (!Number.isNaN(t)) copy["timestamp"] = new Date(t).toISOString();
  }
  const context = copy["context"];
  if (isJsonObject(context) && typeof context["registration"] === "string") {
    copy["context"] = { ...context, registration: context["registration"].toLowerCase() };
  }
  return copy;
}

/**
 * True when the two statements are equal once LRS-assigned properties are ignored and key order,
 * UUID case and timestamp notation are disregarded. `received` must have had a missing timestamp filled in
 * the same way as `stored` for this to be meaningful, so callers compare before filling it and ignore an
 * absent timestamp on the received side.
 */
export function sameStatement(stored: JsonObject, received: JsonObject): boolean {
  const a = comparable(stored);
  const b = comparable(received);
  if (isJsonObject(a) && isJsonObject(b) && b["timestamp"] === undefined) delete a["timestamp"];
  return canonicalJson(a) === canonicalJson(b);
}
