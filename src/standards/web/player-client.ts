// The player page's side for plain web packages, bundled with the neutral core as its page script. There is
// no LMS: `API` and `API_1484_11`, where a SCO looks for its LMS (on an ancestor window of its frame), are
// traps that record any call and refuse it, so `verify` sees a runtime that reached for an LMS. The data the
// core asks for is what the course keeps in localStorage: the content frame is served from the player's own
// origin, so the page reads the same storage (and hears each write as a `storage` event, HTML §12.2.4), and
// its New attempt clears it.
import { startPlayer, type PlayerContext } from "../../player/client/core.js";
import { readProgress, STORAGE_PREFIX, type KeptProgress } from "./storage-key.js";

/** Every entry a plain web course keeps in this origin's storage, by key. */
function kept(): Record<string, KeptProgress | string> {
  const out: Record<string, KeptProgress | string> = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(STORAGE_PREFIX)) continue;
    const text = localStorage.getItem(key);
    out[key] = readProgress(text) ?? text ?? "";
  }
  return out;
}

startPlayer((context: PlayerContext) => {
  let unit = "";
  const trap = (api: string): object =>
    new Proxy(
      {},
      {
        get: (_, fn) =>
          typeof fn !== "string"
            ? undefined
            : (...args: unknown[]): string => {
                context.record(unit, { fn: `${api}.${fn}`, args: args.map(String), result: "false", error: "" });
                return "false";
              },
      },
    );
  Object.assign(window, { API: trap("API"), API_1484_11: trap("API_1484_11") });
  // The panel's New attempt: the attempt is what the browser keeps. The content goes first (removing its
  // frame runs its pagehide, which writes once more), then its entries; the core's own handler follows.
  document.addEventListener("click", (ev) => {
    if (!(ev.target instanceof Element) || !ev.target.closest("[data-cw-player=new-attempt]")) return;
    const host = context.$("cw-frame-host");
    if (host) host.textContent = "";
    for (const key of Object.keys(kept())) localStorage.removeItem(key);
  });

  const showData = (): void => {
    const text = JSON.stringify(kept(), null, 2);
    const data = context.$("cw-cmi");
    if (data) data.textContent = text === "{}" ? "(nothing kept yet)" : text;
    const size = context.$("cw-suspend-size");
    if (size) size.textContent = `${text === "{}" ? 0 : text.length} characters in localStorage`;
  };
  return {
    launch: (u) => {
      unit = u.id;
      return Promise.resolve(undefined);
    },
    data: kept,
    showData,
    startPanel: () => window.addEventListener("storage", showData),
  };
});
