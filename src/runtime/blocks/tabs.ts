// `::: tabs` blocks as the WAI-ARIA APG Tabs pattern, automatic activation. The build writes the tab list
// (hidden) and the panels with their roles and ids (content/blocks/tabs.ts), so without script every panel
// reads in order; this shows the list and keeps one panel shown. Roving tabindex: only the selected tab is
// in the Tab order; Left/Right move to the previous/next tab, Home/End to the first/last, wrapping. A
// right-to-left page lays the list out from the right, so there Left is next: the keys follow what the
// learner sees. Self-contained and DOM-only: nothing of the player.
export function setupTabs(doc: Document): void {
  for (const list of doc.querySelectorAll<HTMLElement>(".cw-tabs__list")) {
    const tabs = [...list.children] as HTMLElement[];
    // The panels follow the list, in the tabs' order (content/blocks/tabs.ts writes them so).
    const panels = [...list.parentElement!.children].slice(1) as HTMLElement[];
    const n = tabs.length;
    tabs.forEach(
      (tab, i) =>
        (tab.onclick = () =>
          tabs.forEach((t, j) => {
            t.tabIndex = i === j ? 0 : -1;
            t.setAttribute("aria-selected", String(i === j));
            panels[j]!.hidden = i !== j;
          })),
    );
    list.onkeydown = (e) => {
      const at = tabs.indexOf(e.target as HTMLElement);
      const step = doc.dir === "rtl" ? -1 : 1;
      const to = { Home: 0, End: n - 1, ArrowRight: at + step, ArrowLeft: at - step }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const tab = tabs[(to + n) % n]!;
      tab.focus();
      tab.click();
    };
    list.hidden = false;
    tabs[0]!.click();
  }
}
