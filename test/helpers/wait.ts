// Polls a condition (sync or async) until it yields a truthy value, or fails with what was awaited: the
// tools' own polling helper (src/net/poll.ts).
export { until } from "../../src/net/poll.js";
