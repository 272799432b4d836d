// The tracking panel of an xAPI package in the player page: every second, the registration's statements
// (newest first) from the player server's feed and the progress document, each statement on one line.
import type { PlayerContext } from "../../../player/client/core.js";

export interface FeedStatement {
  readonly verb: { readonly id: string };
  readonly object: { readonly id: string };
  readonly result?: object;
  readonly context?: { readonly contextActivities?: { readonly category?: readonly { readonly id: string }[] } };
}

export interface StatementFeed {
  readonly statements: readonly FeedStatement[];
  readonly state?: string;
}

/** Starts the polling; `label` marks a statement, `notes` puts lines above the progress document. */
export function pollStatements(context: PlayerContext, label: (s: FeedStatement) => string = () => "", notes: () => Promise<string[]> = () => Promise.resolve([])): void {
  const poll = async (): Promise<void> => {
    const list = document.querySelector<HTMLElement>("[data-cw-log]");
    if (!list) return;
    try {
      const data = (await (await fetch("/__cw/statements", { cache: "no-store" })).json()) as StatementFeed;
      list.textContent = "";
      for (const s of data.statements) {
        const li = document.createElement("li");
        li.textContent = `${s.verb.id.split("/").pop() ?? ""}${label(s)} ${s.object.id}${s.result ? " " + JSON.stringify(s.result) : ""}`;
        list.appendChild(li);
      }
      const count = context.$("cw-call-count");
      if (count) count.textContent = String(data.statements.length);
      const lines = await notes();
      const state = context.$("cw-cmi");
      if (state) state.textContent = [...lines, ...(lines.length ? [""] : []), data.state ?? "(no state document yet)"].join("\n");
      const size = context.$("cw-suspend-size");
      if (size) size.textContent = `${data.state?.length ?? 0} characters in the State API`;
    } catch {
      /* the preview server is restarting */
    }
  };
  setInterval(() => void poll(), 1000);
}
