// The plain web package's words for the learner (runtime/core/messages.ts `say`): the progress kept in
// this browser, and the way to clear it. Keys start with `web`, so they never meet the neutral ones
// (render/messages.ts). The words are in locales/<language>.yaml; this table names the keys.
import { englishStrings } from "../../content/locales.js";

export const WEB_MESSAGES: Readonly<Record<string, string>> = englishStrings(["webKept", "webNotKept", "webNotSaved", "webStartOver", "webStartOverConfirm"]);
