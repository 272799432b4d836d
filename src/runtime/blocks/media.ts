// "Watched to the end": a page whose video or audio is marked `data-cw-end` (content/blocks/media.ts) counts
// as viewed only once each such one on it has played to its end. DOM only; the player says what viewed means.

/** Calls `viewed` with a page's index (its `data-page`) when the last media on it marked `data-cw-end` ends. */
export function watchMedia(d: Document, viewed: (page: number) => void): void {
  // `ended` does not bubble (HTML §4.8.11.16): caught on its way down.
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
}
