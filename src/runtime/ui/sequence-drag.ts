// Sequencing by drag and drop (pointer events: mouse, pen and touch alike). The Up and Down buttons stay the
// accessible path (WCAG 2.1 SC 2.1.1 keyboard, SC 2.5.1 pointer gestures: a single tap on a button does it
// too); dragging is the quick way for a pointer. An item is dragged by its text, where `touch-action: none`
// (course.css) keeps a touch from scrolling the page; the rest of the card scrolls as usual.

/** Wires dragging once on the document; `moved` gets the question whose order changed. */
export function wireDrag(d: Document, moved: (question: HTMLElement) => void): void {
  let dragged: HTMLElement | null = null;
  /** The order changed during this drag (a tap on an item is no answer). */
  let shifted = false;
  d.addEventListener("pointerdown", (ev) => {
    const li = ev.target instanceof Element ? ev.target.closest<HTMLElement>(".cw-sequence__text")?.closest<HTMLElement>("[data-item]") : null;
    if (!li || li.querySelector<HTMLButtonElement>("button")?.disabled) return;
    dragged = li;
    shifted = false;
    li.dataset.drag = "";
    ev.preventDefault();
  });
  d.addEventListener("pointermove", (ev) => {
    const over = dragged && d.elementFromPoint(ev.clientX, ev.clientY)?.closest<HTMLElement>("[data-item]");
    if (!dragged || !over || over === dragged || over.parentElement !== dragged.parentElement) return;
    const box = over.getBoundingClientRect();
    if (ev.clientY > box.top + box.height / 2) over.after(dragged);
    else over.before(dragged);
    shifted = true;
  });
  const end = (): void => {
    const li = dragged;
    if (!li) return;
    dragged = null;
    delete li.dataset.drag;
    if (!shifted) return;
    li.parentElement?.toggleAttribute("data-moved", true);
    const question = li.closest<HTMLElement>("[data-quiz]");
    if (question) moved(question);
  };
  d.addEventListener("pointerup", end);
  d.addEventListener("pointercancel", end);
}
