// `::: tabs` blocks as the WAI-ARIA APG Tabs pattern, automatic activation. The build writes the tab list
// (hidden) and the panels with their roles and ids (content/blocks/tabs.ts), so without script every panel
// reads in order; this shows the list and keeps one panel shown. Roving tabindex: only the selected tab is
// in the Tab order; Left/Right move to the previous/next tab, Home/End to the first/last, wrapping. A
// right-to-left page lays the list out from the right, so there Left is next: the keys follow what the
// learner sees. Self-contained and DOM-only: nothing of the player.
export function setupTabs(doc: Document): void {
  for (const list of doc.querySelectorAll<HTMLElement>(".cw-tabs__list")) {
    const tabs = [...list.children] as HTMLElement[];
    const n = tabs.length;
    const select = (at: number): void =>
      tabs.forEach((tab, i) => {
        tab.tabIndex = i === at ? 0 : -1;
        tab.setAttribute("aria-selected", String(i === at));
        doc.getElementById(tab.getAttribute("aria-controls")!)!.hidden = i !== at;
        if (i === at && list.contains(doc.activeElement)) tab.focus();
      });
    tabs.forEach((tab, i) => (tab.onclick = () => select(i)));
    list.onkeydown = (e) => {
      const at = tabs.indexOf(e.target as HTMLElement);
      const step = doc.dir === "rtl" ? -1 : 1;
      const to = { Home: 0, End: n - 1, ArrowRight: at + step, ArrowLeft: at - step }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      select((to + n) % n);
    };
    list.hidden = false;
    select(0);
  }
}
