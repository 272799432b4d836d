// The order a question's options are shown in: derived from the attempt's seed (kept in the learner state)
// and the question id alone, so the same attempt shows the same order after a resume and a new attempt
// (a new seed) another one. Answers stay in authored indexes whatever the shown order.

/** A new attempt's seed, never 0 (0 is what a state saved before seeds decodes to). */
export const newSeed = (): number => 1 + Math.floor(Math.random() * 0xffffe);

/** A permutation of 0..n-1 for `seed` and `id` (Fisher–Yates over mulberry32); `mix` never returns 0..n-1 in order. */
export function shownOrder(n: number, seed: number, id: string, mix = false): number[] {
  let s = seed | 0;
  for (const c of id) s = Math.imul(s ^ c.charCodeAt(0), 16777619);
  const rand = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  if (mix && n > 1 && order.every((v, i) => v === i)) order.push(order.shift() ?? 0);
  return order;
}
