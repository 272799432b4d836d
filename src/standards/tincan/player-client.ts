// The player page's LMS side for TinCan: the launch URL carries the TinCan launch parameters (endpoint,
// auth, actor, registration, activity_id) that point at the development LRS; the panel polls the
// statements of the registration and its state document. Bundled with the neutral core as player-tincan.js.
import { startPlayer, type PlayerContext } from "../../player/client/core.js";
import { pollStatements } from "../common/xapi/statements-panel.js";

startPlayer((context: PlayerContext) => ({
  launch: () => Promise.resolve(context.config.launchQuery),
  data: () => undefined,
  startPanel: () => pollStatements(context),
}));
