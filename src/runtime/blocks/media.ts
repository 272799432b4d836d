// "Watched to the end": a page whose video or audio is marked `data-cw-end` (content/blocks/media.ts) counts
// as viewed only once each such one on it has played to its end. DOM only; the player says what viewed means.
// Media on a page the learner has left stops: its controls left with it (WCAG 2.2 SC 1.4.2 Audio Control).

/** Calls `viewed` with a page's index (its `data-page`) when the last media on it marked `data-cw-end` ends. */
export function watchMedia(d: Document, viewed: (page: number) => void): void {
  // Media events do not bubble (HTML §4.8.11.16): caught on their way down.
  d.addEventListener(
    "ended",
    (ev) => {
      const media = ev.target as Element;
      media.removeAttribute("data-cw-end");
      const page = media.closest<HTMLElement>("[data-page]");
      if (page && !page.querySelector("[data-cw-end]")) viewed(Number(page.dataset.page));
    },
    true,
  );
  // A playing element reports its time several times a second (HTML §4.8.11.8): the first report after its
  // page is hidden pauses it.
  d.addEventListener("timeupdate", (ev) => (ev.target as Element).closest("[hidden]") && (ev.target as HTMLMediaElement).pause(), true);
}
