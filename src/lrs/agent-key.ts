// An Agent (or identified Group) is the same one wherever its inverse functional identifier (IFI) is the same
// (xAPI Data §2.4.2.3): this turns the IFI into one string usable as a database key.
import { isJsonObject, str, obj, type JsonValue } from "./json.js";

/**
 * The canonical key of an Agent/Group's IFI (mbox, mbox_sha1sum, openid or account homePage+name), or
 * undefined for an anonymous Group / anything without exactly one IFI. JSON-encoded so no delimiter can clash.
 */
export function agentKey(agent: JsonValue | undefined): string | undefined {
  if (!isJsonObject(agent)) return undefined;
  const found: string[] = [];
  const mbox = str(agent, "mbox");
  // The scheme is case-insensitive; the address is kept as sent (mailbox local parts may be case-sensitive).
  if (mbox !== undefined) found.push(JSON.stringify(["mbox", mbox.replace(/^mailto:/i, "mailto:")]));
  const sha1 = str(agent, "mbox_sha1sum");
  if (sha1 !== undefined) found.push(JSON.stringify(["mbox_sha1sum", sha1.toLowerCase()]));
  const openid = str(agent, "openid");
  if (openid !== undefined) found.push(JSON.stringify(["openid", openid]));
  const account = obj(agent, "account");
  if (account !== undefined) {
    const homePage = str(account, "homePage");
    const name = str(account, "name");
    if (homePage !== undefined && name !== undefined) found.push(JSON.stringify(["account", homePage, name]));
  }
  return found.length === 1 ? found[0] : undefined;
}
