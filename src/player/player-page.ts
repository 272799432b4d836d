// The HTML of the player page: a title bar, a table of contents when the package has several units, the
// content frame, and (for preview) the tracking panel.
import { esc } from "../package/xml.js";
import { scriptJson } from "../render/templates.js";
import type { PlayerConfig } from "./client/core.js";
import type { PackageInfo } from "./package-units.js";

export interface PlayerPageOptions {
  readonly info: PackageInfo;
  readonly panel: boolean;
  readonly launchQuery?: string;
}

const STYLE = `
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1d2330;display:grid;grid-template-columns:auto 1fr auto;grid-template-rows:auto 1fr;height:100vh}
header{grid-column:1/-1;display:flex;gap:1rem;align-items:center;padding:.4rem 1rem;background:#1d2330;color:#fff}
header h1{font-size:1rem;margin:0;flex:1}
header button{font:inherit}
nav{overflow:auto;border-right:1px solid #c9d0da;max-width:16rem}
nav ol{list-style:none;margin:0;padding:.5rem}
nav button{display:block;width:100%;text-align:left;font:inherit;padding:.3rem .5rem;margin:.1rem 0;border:1px solid #c9d0da;background:#fff;border-radius:4px}
nav button[aria-current]{background:#1f5fa8;color:#fff}
#cw-frame-host{min-width:0}
#cw-frame-host iframe{border:0;width:100%;height:100%}
aside{width:30rem;overflow:auto;border-left:1px solid #c9d0da;padding:.5rem 1rem;font-size:13px}
aside h2{font-size:14px;margin:.75rem 0 .25rem}
aside ol{margin:0;padding-left:3rem;font-family:ui-monospace,monospace;font-size:12px;max-height:40vh;overflow:auto}
aside pre{font-size:11px;max-height:30vh;overflow:auto;background:#f3f5f8;padding:.5rem}
.is-error{color:#a1262b;font-weight:700}
`;

export function playerPage(o: PlayerPageOptions): string {
  const { info } = o;
  const toc =
    info.units.length > 1
      ? `<nav aria-label="Units"><ol>${info.units.map((u) => `<li><button type="button" data-unit="${esc(u.id)}">${esc(u.title)}</button></li>`).join("")}</ol></nav>`
      : "<div></div>";
  const labels = info.simulation.panel;
  const panel = o.panel
    ? `<aside aria-label="Tracking panel">
<h2>${esc(labels.log)} (<span id="cw-call-count">0</span>), newest first</h2>
<ol id="${esc(labels.logId)}" data-cw-log reversed></ol>
<h2>${esc(labels.data)}: <span id="cw-suspend-size"></span></h2>
<pre id="cw-cmi"></pre>
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
<link rel="icon" href="data:,">
<title>${esc(info.title)} – Coursewright player</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${esc(info.title)} <small>(${esc(info.standard.title)})</small></h1>${o.panel ? '<button type="button" data-cw-player="new-attempt">New attempt</button>' : ""}</header>
${toc}
<main id="cw-frame-host"></main>
${panel}
<script type="application/json" id="cw-player-config">${scriptJson(config)}</script>
${info.simulation.scripts.map((script) => `<script src="/__cw/${esc(script.name)}"></script>\n`).join("")}<script src="/__cw/player.js"></script>
</body>
</html>
`;
}
