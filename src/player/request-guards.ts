// Who may talk to the player server. It listens on 127.0.0.1 only, but any page the author opens can
// still send requests to it, so: the Host must name this machine (a DNS-rebinding page names its own
// host), and requests that change the attempt must come from the player's own origin.
import type http from "node:http";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** RFC 9110 §7.2: the Host header without its port. Absent (HTTP/1.0) is allowed: no browser omits it. */
export function loopbackHost(req: http.IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined) return true;
  return LOOPBACK_HOSTS.has(host.replace(/:\d*$/, "").toLowerCase());
}

/**
 * Why a state-changing request is refused as cross-site, or undefined. Fetch Metadata (`Sec-Fetch-Site`)
 * where the browser sends it, else the Origin header (RFC 6454 §7.3) compared with our own origin.
 */
export function crossSiteReason(req: http.IncomingMessage): string | undefined {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return `a ${site} request may not change the attempt`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ""}`) return `requests from ${origin} may not change the attempt`;
  return undefined;
}

/** The media type without parameters, lower-case (RFC 9110 §8.3.1). */
export function mediaTypeOf(req: http.IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
