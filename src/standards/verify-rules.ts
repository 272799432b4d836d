// The verify facet of a standard, loaded lazily by `coursewright verify` (it pulls the XSD validator in;
// build never loads it): static checks of the control file, the check of what one unit's launch left with
// the LMS/LRS, the report's lines for both, and how the scripted learner plays.
import type { JsonObject } from "../lrs/index.js";
import type { Finding } from "../verify/findings.js";
import type { LaunchUnit } from "./reader.js";
import type { RecordedCall } from "./common/scorm/call-recorder.js";

/** A unit's summary as the JSON report carries it (`units[].summary`). */
export type SummaryValue = string | number | boolean | undefined | Readonly<Record<string, number>>;
export type UnitSummary = Readonly<Record<string, SummaryValue>>;

export interface StaticResult {
  /** Control file against the standard's schemas. */
  readonly schema: "valid" | "invalid" | "not applicable";
  readonly findings: readonly Finding[];
  /** Neither findings nor failures (e.g. metadata the schema set cannot check). */
  readonly notes: readonly string[];
}

/** What verify hands a standard to judge one unit, once its content is gone. */
export interface SessionProbe {
  readonly unit: LaunchUnit;
  /** Whether the scripted learner worked through a Coursewright unit to the end without a failure. */
  readonly completedJourney: boolean;
  /** The calls the player page recorded for this unit, in order (API-based standards). */
  calls(): Promise<RecordedCall[]>;
  /** What the LMS side of the player holds for the unit now (scorm-again's CMI as JSON). */
  lmsData(): Promise<unknown>;
  /** Statements the LRS stored since the unit opened (LRS-based standards). */
  statements(): readonly JsonObject[];
  /** Statement requests the LRS refused since it started, "METHOD path answered status". */
  refusedStatementRequests(): readonly string[];
  /** The launch's registration (xAPI). */
  readonly registration: string;
}

export interface UnitCheck {
  readonly summary: UnitSummary;
  readonly findings: readonly Finding[];
}

/** A unit as the report shows it. */
export interface ReportedUnit {
  readonly id: string;
  /** "Coursewright", "foreign" or "asset". */
  readonly content: string;
  readonly summary?: UnitSummary;
}

export interface VerifyRules {
  /** Rule id of a control file that cannot be decoded (not UTF-8). */
  readonly encodingRule: string;
  /**
   * Static checks of the control file (`controlXml`) against the package's files (relative to its root);
   * `read` gives a file's bytes, for rules about what a file holds.
   */
  staticChecks(controlXml: string, files: ReadonlySet<string>, read: (name: string) => Buffer | undefined): Promise<StaticResult>;
  /** The report's "Static checks" lines; `packageFindings` are the findings without a unit. */
  staticLines(schema: StaticResult["schema"], packageFindings: readonly Finding[]): string[];
  /** Waits until the unit's launch has ended at the LMS/LRS, then judges it. */
  checkUnit(probe: SessionProbe): Promise<UnitCheck>;
  /** The report's lines for the played units. */
  unitLines(units: readonly ReportedUnit[]): string[];
  /** The scripted learner fails a graded quiz once and retakes it, where the course allows a retake. */
  readonly retake: boolean;
  /** For `verify --help`: what the static checks and the session check look at, one line each. */
  readonly help: { readonly statics: string; readonly session: string };
}
