// The player's tracking panel for a SCORM LMS played by scorm-again: the CMI data model as the LMS holds it,
// and how much of the standard's suspend_data it uses.
import type { PlayerContext } from "../../../player/client/core.js";

export interface CmiSource {
  renderCMIToJSONString(): string;
}

export function showCmi(context: PlayerContext, api: CmiSource | undefined, suspendDataMax: number): void {
  const snapshot = context.$("cw-cmi");
  if (!snapshot || !api) return;
  const cmi = JSON.parse(api.renderCMIToJSONString()) as { cmi?: { suspend_data?: string } };
  snapshot.textContent = JSON.stringify(cmi, null, 1);
  const size = context.$("cw-suspend-size");
  const n = cmi.cmi?.suspend_data?.length ?? 0;
  if (size) {
    size.textContent = `${n} / ${suspendDataMax} characters`;
    size.className = n > suspendDataMax ? "is-error" : "";
  }
}
