// The HTML of the player page: a title bar, a table of contents when the package has several units, the
// content frame, and (for preview) the tracking panel with its controls: the panel's toggle and resize
// handle (WAI-ARIA APG "Window Splitter" pattern) and the device widths. Styles: ./player-style.ts;
// behaviour: ./client/layout.ts.
import { esc } from "../package/xml.js";
import { scriptJson } from "../render/templates.js";
import type { PlayerConfig } from "./client/core.js";
import type { PackageInfo } from "./package-units.js";

export interface PlayerPageOptions {
  readonly info: PackageInfo;
  readonly panel: boolean;
  readonly launchQuery?: string;
}

/** Device widths of the course frame (the client reads them from data-width); desktop is the whole area. */
const DEVICES = [
  { id: "phone", label: "Phone", width: 375 },
  { id: "tablet", label: "Tablet", width: 768 },
  { id: "desktop", label: "Desktop", width: 0 },
] as const;

const CONTROLS =
  `<div class="cw-devices" role="group" aria-labelledby="cw-devices-label"><b id="cw-devices-label">Course width</b>` +
  DEVICES.map((d) => `<button type="button" data-cw-device="${d.id}" data-width="${d.width}" aria-pressed="${d.id === "desktop"}">${d.label}</button>`).join("") +
  `</div><button type="button" data-cw-player="new-attempt">New attempt</button>` +
  `<button type="button" id="cw-panel-toggle" aria-controls="cw-panel" aria-expanded="true">Tracking panel</button>`;

export function playerPage(o: PlayerPageOptions): string {
  const { info } = o;
  const toc =
    info.units.length > 1
      ? `<nav aria-label="Units"><ol>${info.units.map((u) => `<li><button type="button" data-unit="${esc(u.id)}">${esc(u.title)}</button></li>`).join("")}</ol></nav>`
      : "";
  const labels = info.simulation.panel;
  const panel = o.panel
    ? `<div role="separator" id="cw-splitter" tabindex="0" aria-orientation="vertical" aria-controls="cw-panel" aria-label="Tracking panel width" aria-valuenow="384" aria-valuemin="240" aria-valuemax="384"></div>
<aside id="cw-panel" aria-label="Tracking panel" tabindex="0">
<h2 id="cw-log-heading">${esc(labels.log)} (<span id="cw-call-count">0</span>), newest first</h2>
<ol id="${esc(labels.logId)}" data-cw-log reversed aria-labelledby="cw-log-heading"></ol>
<h2 id="cw-data-heading">${esc(labels.data)}: <span id="cw-suspend-size"></span></h2>
<pre id="cw-cmi" aria-labelledby="cw-data-heading"></pre>
</aside>`
    : "";
  const config: PlayerConfig = {
    title: info.title,
    units: info.units,
    packageBase: "/package/",
    panel: o.panel,
    ...(o.launchQuery ? { launchQuery: o.launchQuery } : {}),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(info.title)} – Coursewright player</title>
<link rel="stylesheet" href="/__cw/player.css">
</head>
<body>
<header><h1>${esc(info.title)} <small>(${esc(info.standard.title)})</small></h1>${o.panel ? CONTROLS : ""}</header>
${toc}
<main id="cw-frame-host"></main>
${panel}
<script type="application/json" id="cw-player-config">${scriptJson(config)}</script>
${info.simulation.scripts.map((script) => `<script src="/__cw/${esc(script.name)}"></script>\n`).join("")}<script src="/__cw/player.js"></script>
</body>
</html>
`;
}
