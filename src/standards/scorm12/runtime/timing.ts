// SCORM 1.2's time formats (SCORM 1.2 RTE §3.4.3 data types CMITimespan and CMITime), each one tested function.

/** CMITimespan `HHHH:MM:SS.SS` (hours zero-padded to at least 2 digits, capped at 9999). */
export function cmiTimespan(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const totalSeconds = Math.floor(centis / 100);
  const hours = Math.min(9999, Math.floor(totalSeconds / 3600));
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const frac = centis % 100;
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${pad(hours, hours > 99 ? 4 : 2)}:${pad(minutes)}:${pad(seconds)}${frac ? "." + pad(frac) : ""}`;
}

/** CMITime `HH:MM:SS` (local clock time). */
export function cmiClockTime(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
