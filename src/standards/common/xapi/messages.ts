// What an xAPI package's runtime tells the learner about the LRS, by key (runtime/core/messages.ts `say`):
// written into each page's runtime data by the packager, in the course's language (locales/<language>.yaml
// holds the words; this table names the keys and carries their English). Keys start with `lrs`, so they
// never meet the neutral ones (render/messages.ts).
import { englishStrings } from "../../../content/locales.js";

export const XAPI_MESSAGES: Readonly<Record<string, string>> = englishStrings(["lrsOffline", "lrsRestored", "lrsRefused", "lrsRejected"]);
