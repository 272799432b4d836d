// What a launch gives xAPI content, whatever its convention (a query string, or a fetch URL and launch
// data): where the LRS is, how to authorise, who the learner is, and which attempt.
import type { Agent } from "@xapi/xapi";

export interface LrsLaunch {
  /** LRS base URL, always ending in '/'. */
  readonly endpoint: string;
  /** Sent verbatim as the Authorization header. */
  readonly auth: string;
  readonly actor: Agent;
  readonly registration?: string;
  readonly activityId?: string;
  /** Extra grouping activity ids the LMS asked us to add. */
  readonly grouping: readonly string[];
}
