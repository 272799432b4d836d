// The reader facet of a standard: recognising one of its packages (ours or another tool's) from the ZIP's
// entries, and reading the units it offers to launch. verify and the player both detect a package through
// it (src/standards/detect.ts), so there is one detection path and one XML reader (src/package/read-xml.ts).
import type { Finding } from "../verify/findings.js";

export interface LaunchUnit {
  readonly id: string;
  readonly title: string;
  /** Launch path relative to the package root (may carry a query string). */
  readonly href: string;
  readonly masteryScore?: number;
  /** A unit that does not talk to the LMS (a SCORM asset): listed, but not played by verify. */
  readonly asset?: boolean;
  /** Objective ids the LMS lists for the unit before it starts (the manifest's, where the standard has them). */
  readonly objectiveIds?: readonly string[];
}

export interface PackageUnits {
  readonly title: string;
  readonly units: readonly LaunchUnit[];
  /** The course's activity id, where the standard's launch passes one (an xAPI launch's `activity_id`). */
  readonly activityId?: string;
}

/** A package this reader claims. */
export interface Recognised {
  /** Folder inside the ZIP that is the package root: "" or "folder/". */
  readonly root: string;
  /** The control file's entry name in the ZIP (may differ in case or folder from `controlFile`). */
  readonly control: string;
  /** Layout problems seen while recognising it (a wrapping folder, two control files…). */
  readonly findings: readonly Finding[];
}

export interface PackageReader {
  /** The control file at the package root (imsmanifest.xml for SCORM). */
  readonly controlFile: string;
  /**
   * Asked before the other readers: its control file may sit beside another standard's (a course structure
   * beside an imsmanifest.xml), and then the package is this standard's.
   */
  readonly first?: boolean;
  /** What the message about a ZIP no reader claims says this one looks for; default its control file. */
  readonly lookedFor?: string;
  /**
   * Whether the ZIP is a package of this standard, from its entry names and, where it can be read, the text
   * of one entry (undefined when only the central directory is known). A `{ other }` answer says "a
   * package of a standard I recognise but am not": used for the message only when no reader claims it.
   */
  recognise(names: readonly string[], text: (name: string) => string | undefined): Recognised | { readonly other: string } | undefined;
  /** The launch units, from the control file's text; throws with a one-line reason when it cannot read them. */
  units(controlXml: string): PackageUnits;
}
