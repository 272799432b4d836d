// The ISO 8601 duration both SCORM 2004 (RTE §4.1.1 timeinterval (second,10,2)) and xAPI (1.0.3 Part 2 §4.6)
// use for session time, latency and result.duration.

/** `PT1H2M5.5S`; `PT0S` for zero; at most 2 decimals (whole hundredths over 100 print with at most two). */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor(centis / 6000) % 60;
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds || !(hours || minutes) ? `${seconds}S` : ""}`;
}
