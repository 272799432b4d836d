// The player page's LMS side for TinCan: the launch URL carries the TinCan launch parameters (endpoint,
// auth, actor, registration, activity_id) that point at the development LRS; the panel polls the
// statements of the registration and its state document. Bundled with the neutral core as player-tincan.js.
import { startPlayer, type PlayerContext } from "../../player/client/core.js";

interface Feed {
  statements: { verb: { id: string }; object: { id: string }; result?: object }[];
  state?: string;
}

startPlayer((context: PlayerContext) => {
  const poll = async (): Promise<void> => {
    const list = document.querySelector<HTMLElement>("[data-cw-log]");
    if (!list) return;
    try {
      const data = (await (await fetch("/__cw/statements", { cache: "no-store" })).json()) as Feed;
      list.textContent = "";
      for (const s of data.statements) {
        const li = document.createElement("li");
        li.textContent = `${s.verb.id.split("/").pop() ?? ""} ${s.object.id}${s.result ? " " + JSON.stringify(s.result) : ""}`;
        list.appendChild(li);
      }
      const count = context.$("cw-call-count");
      if (count) count.textContent = String(data.statements.length);
      const state = context.$("cw-cmi");
      if (state) state.textContent = data.state ?? "(no state document yet)";
      const size = context.$("cw-suspend-size");
      if (size) size.textContent = `${data.state?.length ?? 0} characters in the State API`;
    } catch {
      /* the preview server is restarting */
    }
  };
  return {
    launch: () => Promise.resolve(context.config.launchQuery),
    data: () => undefined,
    startPanel: () => void setInterval(() => void poll(), 1000),
  };
});
