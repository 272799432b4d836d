// The player page's stylesheet, served as /__cw/player.css (the page's Content-Security-Policy allows no
// inline style). Two layouts, chosen by the page client (client/layout.ts) on body[data-layout]:
// "side" puts the tracking panel beside the course, behind a resize handle; "drawer" lays it over the
// course's right edge when the window cannot hold both. body[data-device] narrows the course frame to a
// phone's or a tablet's width; the panel's width is --cw-panel-width, set by the client. The panel scrolls
// as one region (no nested scroll boxes: each needs its own keyboard stop, and text in them is clipped).
export const PLAYER_CSS = `
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1d2330;background:#fff;height:100vh;display:grid;
grid-template:"head head head head" auto "nav main split panel" minmax(0,1fr)/auto minmax(0,1fr) auto auto}
header{grid-area:head;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;padding:.4rem 1rem;background:#1d2330;color:#fff}
header h1{font-size:1rem;margin:0;flex:1 1 12rem}
header button{font:inherit;font-size:14px;min-height:2rem;padding:.15rem .7rem;border:1px solid #fff;border-radius:4px;background:#1d2330;color:#fff;cursor:pointer}
header button:hover{background:#3a4356}
header button[aria-pressed=true]{background:#fff;color:#1d2330;font-weight:700}
.cw-devices{display:flex;gap:.25rem;align-items:center}
.cw-devices b{font-weight:400;margin-right:.25rem}
:focus-visible{outline:3px solid #1d2330;outline-offset:2px;box-shadow:0 0 0 2px #ffbf47}
header :focus-visible{outline-color:#ffbf47;box-shadow:none}
nav{grid-area:nav;overflow:auto;border-right:1px solid #c9d0da;max-width:16rem}
nav ol{list-style:none;margin:0;padding:.5rem}
nav button{display:block;width:100%;text-align:left;font:inherit;padding:.3rem .5rem;margin:.1rem 0;border:1px solid #c9d0da;background:#fff;color:#1d2330;border-radius:4px}
nav button[aria-current]{background:#1f5fa8;color:#fff}
#cw-frame-host{grid-area:main;min-width:0;display:flex;justify-content:center}
#cw-frame-host iframe{border:0;width:100%;height:100%;flex:none;display:block}
body[data-device=phone] #cw-frame-host,body[data-device=tablet] #cw-frame-host{background:#e4e8ee;overflow-x:auto}
body[data-device=phone] #cw-frame-host iframe{width:375px;box-shadow:0 0 0 1px #6b7587}
body[data-device=tablet] #cw-frame-host iframe{width:768px;box-shadow:0 0 0 1px #6b7587}
[role=separator]{grid-area:split;width:10px;cursor:col-resize;touch-action:none;background:#e4e8ee;border-left:1px solid #c9d0da;position:relative}
[role=separator]::after{content:"";position:absolute;left:3px;top:50%;width:2px;height:2.5rem;margin-top:-1.25rem;border-inline:1px solid #6b7587}
[role=separator]:hover,[role=separator].is-dragging{background:#c9d0da}
body.is-resizing iframe{pointer-events:none}
aside{grid-area:panel;width:var(--cw-panel-width,24rem);overflow:auto;padding:.5rem 1rem;font-size:13px;background:#fff}
aside h2{font-size:14px;margin:.75rem 0 .25rem}
aside ol{margin:0;padding-left:3rem;font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
aside pre{font-size:11px;background:#f3f5f8;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.is-error{color:#a1262b;font-weight:700}
body[data-layout=drawer]{grid-template:"head" auto "nav" auto "main" minmax(0,1fr)/minmax(0,1fr)}
body[data-layout=drawer] [role=separator]{display:none}
body[data-layout=drawer] nav{max-width:none;border-right:0;border-bottom:1px solid #c9d0da}
body[data-layout=drawer] nav ol{display:flex;gap:.25rem;overflow-x:auto}
body[data-layout=drawer] nav button{white-space:nowrap}
body[data-layout=drawer] aside{grid-area:main;justify-self:end;z-index:1;width:min(26rem,100%);border-left:1px solid #c9d0da;box-shadow:-4px 0 16px rgb(0 0 0/.25)}
@media (max-width:30rem){header{padding:.3rem .5rem;gap:.3rem .5rem}header h1{font-size:.9375rem;flex-basis:100%}}
`;
