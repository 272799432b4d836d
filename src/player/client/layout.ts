// The preview player's layout: the tracking panel beside the course ("side") or over it ("drawer"), its
// toggle and resize handle, and the device widths of the course frame. The panel never squeezes the
// course frame under the width the course's own stylesheet treats as desktop (desktopWidth); when the
// window cannot hold both, the panel becomes a drawer over the course. The panel's
// width, whether it is open beside the course, and the device are remembered in localStorage.

/** Narrowest useful panel, and the step of one arrow key press on the resize handle (px). */
const PANEL_MIN = 240;
const PANEL_DEFAULT = 384;
const STEP = 16;
const BIG_STEP = 64;
/** When the course's stylesheet names no width: the default theme's breakpoint (48rem) plus one pixel. */
const DESKTOP_FALLBACK = 769;
const STORE_KEY = "cw-player-layout";

interface Saved {
  /** Whether the panel is open beside the course (a drawer always starts closed). */
  open: boolean;
  width: number;
  device: string;
}

function load(): Saved {
  const saved: Saved = { open: true, width: PANEL_DEFAULT, device: "desktop" };
  try {
    const raw = JSON.parse(localStorage.getItem(STORE_KEY) ?? "{}") as Partial<Record<keyof Saved, unknown>>;
    if (typeof raw.open === "boolean") saved.open = raw.open;
    if (typeof raw.width === "number" && Number.isFinite(raw.width)) saved.width = raw.width;
    if (typeof raw.device === "string") saved.device = raw.device;
  } catch {
    /* storage unavailable or not ours: the defaults */
  }
  return saved;
}

/**
 * The narrowest frame in which the course shows its desktop layout, read from its stylesheets' width media
 * queries. A desktop-first stylesheet (ours) changes the layout for smaller screens with max-width queries:
 * desktop is one pixel past the widest of them (a max-width query still matches at exactly its width).
 * A mobile-first one has only min-width queries: desktop is the widest. (Media Queries 4 §4.2, §6: rem
 * and em there are the initial font size.) Undefined when the frame cannot be read or names no width.
 */
export function desktopWidth(frame: HTMLIFrameElement): number | undefined {
  let doc: Document | null = null;
  try {
    doc = frame.contentDocument;
  } catch {
    return undefined; // a cross-origin package page
  }
  if (!doc) return undefined;
  const em = parseFloat(getComputedStyle(doc.documentElement).fontSize) || 16;
  const widest = { min: 0, max: 0 };
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      // The frame's own CSSMediaRule is another realm's class: test for the shape, not instanceof.
      const media = (rule as Partial<CSSMediaRule>).media?.mediaText ?? "";
      for (const m of media.matchAll(/(min|max)-width\s*:\s*([\d.]+)(px|r?em)/g)) {
        const side = m[1] === "min" ? "min" : "max";
        widest[side] = Math.max(widest[side], Number(m[2]) * (m[3] === "px" ? 1 : em));
      }
    }
  }
  if (widest.max > 0) return Math.floor(widest.max) + 1;
  return widest.min > 0 ? Math.ceil(widest.min) : undefined;
}

export function startLayout(): void {
  const body = document.body;
  const panel = document.getElementById("cw-panel");
  const splitter = document.getElementById("cw-splitter");
  const toggle = document.getElementById("cw-panel-toggle");
  const host = document.getElementById("cw-frame-host");
  if (!panel || !splitter || !toggle || !host) return;
  const saved = load();
  let drawerOpen = false;
  let desktop = DESKTOP_FALLBACK;
  let drag: { pointer: number } | undefined;

  const save = (): void => {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(saved));
    } catch {
      /* private mode: the layout is simply not remembered */
    }
  };
  const deviceButtons = (): HTMLElement[] => Array.from(document.querySelectorAll<HTMLElement>("[data-cw-device]"));
  const deviceWidth = (b: HTMLElement): number => Number(b.dataset.width ?? 0);
  /** The room for the course frame, the splitter and the panel: the window less the units' list. */
  const room = (): number => document.documentElement.clientWidth - (document.querySelector("nav")?.getBoundingClientRect().width ?? 0);
  /** The device shown: the one chosen while it leaves room for the panel beside it, else the whole width. */
  let device = "desktop";
  /** What the course frame needs: the device's width, or (desktop) the course's desktop layout. */
  const frameNeeds = (): number => {
    const shown = deviceButtons().find((b) => b.dataset.cwDevice === device);
    return (shown ? deviceWidth(shown) : 0) || desktop;
  };
  /** The widest the panel may be beside the course. */
  const panelMax = (): number => Math.floor(room() - splitter.offsetWidth - frameNeeds());

  const apply = (): void => {
    // Measured in the side layout, where the splitter's width counts.
    body.dataset.layout = "side";
    splitter.hidden = false;
    // A device is offered where it leaves room for the panel beside it (a phone-sized window is itself
    // the device); the group goes when only the whole width is left.
    const offered = (b: HTMLElement): boolean => deviceWidth(b) === 0 || deviceWidth(b) + splitter.offsetWidth + PANEL_MIN <= room();
    const buttons = deviceButtons();
    for (const b of buttons) b.hidden = !offered(b);
    const group = buttons[0]?.parentElement;
    if (group) group.hidden = buttons.filter(offered).length < 2;
    device = buttons.find((b) => b.dataset.cwDevice === saved.device && offered(b))?.dataset.cwDevice ?? "desktop";
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.cwDevice === device));
    body.dataset.device = device;
    const max = panelMax();
    const drawer = max < PANEL_MIN;
    body.dataset.layout = drawer ? "drawer" : "side";
    const open = drawer ? drawerOpen : saved.open;
    panel.hidden = !open;
    splitter.hidden = drawer || !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (!drawer) {
      const width = Math.min(Math.max(saved.width, PANEL_MIN), max);
      body.style.setProperty("--cw-panel-width", `${width}px`);
      splitter.setAttribute("aria-valuemin", String(PANEL_MIN));
      splitter.setAttribute("aria-valuemax", String(max));
      splitter.setAttribute("aria-valuenow", String(width));
    } else {
      body.style.removeProperty("--cw-panel-width");
    }
  };

  const resize = (width: number): void => {
    saved.width = Math.round(Math.min(Math.max(width, PANEL_MIN), panelMax()));
    save();
    apply();
  };
  const setOpen = (open: boolean): void => {
    if (body.dataset.layout === "drawer") drawerOpen = open;
    else {
      saved.open = open;
      save();
    }
    apply();
  };

  toggle.addEventListener("click", () => setOpen(panel.hidden));
  // WAI-ARIA APG, Window Splitter: arrows move the splitter, Home/End to the panel's smallest/largest size,
  // Enter collapses the panel (the toggle then has focus and brings it back). The panel is on the right,
  // so moving the splitter left (ArrowLeft) widens it.
  splitter.addEventListener("keydown", (ev) => {
    const now = Number(splitter.getAttribute("aria-valuenow"));
    const step = ev.shiftKey ? BIG_STEP : STEP;
    const to: Record<string, number> = { ArrowLeft: now + step, ArrowRight: now - step, Home: PANEL_MIN, End: panelMax() };
    if (ev.key in to) resize(to[ev.key] ?? now);
    else if (ev.key === "Enter") {
      setOpen(false);
      toggle.focus();
    } else return;
    ev.preventDefault();
  });
  splitter.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    drag = { pointer: ev.pointerId };
    splitter.setPointerCapture(ev.pointerId);
    splitter.classList.add("is-dragging");
    body.classList.add("is-resizing");
    ev.preventDefault();
  });
  splitter.addEventListener("pointermove", (ev) => {
    if (drag?.pointer !== ev.pointerId) return;
    // The panel's left edge follows the pointer.
    resize(panel.getBoundingClientRect().right - ev.clientX - splitter.offsetWidth / 2);
  });
  const endDrag = (): void => {
    drag = undefined;
    splitter.classList.remove("is-dragging");
    body.classList.remove("is-resizing");
  };
  splitter.addEventListener("pointerup", endDrag);
  splitter.addEventListener("pointercancel", endDrag);

  document.addEventListener("click", (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest<HTMLElement>("[data-cw-device]") : null;
    if (!button?.dataset.cwDevice) return;
    saved.device = button.dataset.cwDevice;
    save();
    apply();
  });
  // Escape closes the drawer, back to its toggle.
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || body.dataset.layout !== "drawer" || panel.hidden) return;
    setOpen(false);
    toggle.focus();
  });
  // Each launched unit: what its stylesheet calls desktop (load does not bubble; a capturing listener sees it).
  host.addEventListener(
    "load",
    (ev) => {
      if (!(ev.target instanceof HTMLIFrameElement)) return;
      desktop = desktopWidth(ev.target) ?? DESKTOP_FALLBACK;
      apply();
    },
    true,
  );
  window.addEventListener("resize", apply);
  apply();
}
