// Finds an LMS API object (SCORM 1.2 `API`, SCORM 2004 `API_1484_11`) the way LMS players expose it:
// on this window (offline and mobile players inject it there), an ancestor frame, or the opener's frame
// chain (SCORM 1.2 RTE §3.3; SCORM 2004 4th ed. RTE ch.3, API instance discovery). A cross-origin frame
// throws SecurityError on any property read, so every lookup is guarded.

function lookup<T>(win: Window, name: string): T | undefined {
  try {
    const api = (win as unknown as Record<string, unknown>)[name];
    return api !== null && typeof api === "object" ? (api as T) : undefined;
  } catch {
    return undefined; // cross-origin frame: SecurityError
  }
}

function climb<T>(start: Window | null, name: string, maxHops: number): T | undefined {
  let win = start;
  for (let hops = 0; win && hops <= maxHops; hops++) {
    const api = lookup<T>(win, name);
    if (api) return api;
    let parent: Window | null = null;
    try {
      parent = win.parent;
    } catch {
      parent = null;
    }
    if (!parent || parent === win) break;
    win = parent;
  }
  return undefined;
}

export function findApi<T>(win: Window, name: string, maxHops: number): T | undefined {
  const found = climb<T>(win, name, maxHops);
  if (found) return found;
  for (const read of [() => win.opener as Window | null, () => win.top?.opener as Window | null]) {
    let opener: Window | null = null;
    try {
      opener = read();
    } catch {
      opener = null;
    }
    const api = opener ? climb<T>(opener, name, maxHops) : undefined;
    if (api) return api;
  }
  return undefined;
}
