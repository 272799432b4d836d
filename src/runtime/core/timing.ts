// Time formats of the standards, each in one tested function: SCORM 1.2 CMITimespan (SCORM 1.2 RTE ch.3
// data types) and the ISO 8601 duration (xAPI 1.0.3 Part 2 §4.6).

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (hours zero-padded to at least 2 digits, capped at 9999). */
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

/** ISO 8601 duration `PT1H2M5.5S` (SCORM 2004, xAPI); `PT0S` for zero; at most 2 decimals. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  let out = "PT";
  if (hours) out += `${hours}H`;
  if (minutes) out += `${minutes}M`;
  if (seconds || out === "PT") out += `${Number(seconds.toFixed(2))}S`;
  return out;
}

/** SCORM 1.2 CMITime `HH:MM:SS` (local clock time). */
export function cmiClockTime(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
