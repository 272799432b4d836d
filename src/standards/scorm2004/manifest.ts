// imsmanifest.xml for SCORM 2004 4th edition (SCORM 2004 4th ed. CAM §3, IMS CP 1.1.4; sequencing in IMS
// Simple Sequencing 1.0 as SCORM 2004 4th ed. SN profiles it), written by the shared IMS CP writer.
// Validated offline against ADL's XSDs in the tests (verify/xsd.ts).
//
// What the sequencing says, and only that:
// - The learner moves freely: the organization allows choice and flow (SN §3.2; without it flow is false,
//   so an LMS offers no Continue/Previous between SCOs) and nothing forces an order.
// - Each SCO reports its own completion and success (deliveryControls, SN §3.13; the defaults would let the LMS
//   mark an attempt completed and satisfied by itself when it ends).
// - Completion is progress reaching 1 (adlcp:completionThreshold, SN §3.14): the runtime's progress measure is exactly 1
//   when, and only when, the unit is complete, so an LMS that judges completion by measure agrees with the SCO.
// - Where the course reports a failed assessment as a failure, the pass mark sits on the unit that holds the
//   assessment's score: its primary objective (SN §3.10) is satisfied by measure at masteryScore / 100, which
//   the LMS hands to the SCO as cmi.scaled_passing_score.
// - Per session, the course rolls up as the runtime judges one SCO course: complete when every session is
//   (the assessment does not count towards completion), passed and scored as the assessment is.
import type { Course } from "../../model/course.js";
import type { Unit } from "../../model/units.js";
import { reportingWish } from "../../runtime/core/outcome.js";
import type { BuiltUnit } from "../packager.js";
import { writeCpManifest } from "../common/ims-cp/manifest-writer.js";
import { itemId, manifestId, organizationId, resourceId, unitResources } from "../common/ims-cp/unit-resources.js";
import { xmlElement } from "../common/ims-cp/xml-element.js";
import { primaryObjectiveId, scaledPassingScore } from "./limits.js";
import { SCORM2004_NAMESPACES, SCORM2004_SCHEMA_LOCATIONS } from "./schema-files.js";

const NS = SCORM2004_NAMESPACES;

/** The one organization's sequencing (SN §3.2 Sequencing Control Modes): free choice, and flow between SCOs. */
const ORGANIZATION_SEQUENCING = xmlElement("imsss:sequencing", {}, [xmlElement("imsss:controlMode", { choice: true, flow: true })]);

/**
 * How a unit's status contributes to the course's in a package of several SCOs (SN §3.8 Rollup Controls;
 * defaults: every child counts for satisfaction and completion, with measure weight 1).
 * - The assessment does not count towards completion (a course is complete without passing it); its score
 *   and verdict are the course's.
 * - A session counts for completion only, when there is an assessment: no measure (weight 0, or the course's
 *   score would be averaged with sessions that have none) and no say in satisfaction. Without an assessment
 *   the course is passed when it is complete, so sessions keep the default satisfaction rollup.
 */
function rollupRules(course: Course, unit: Unit, units: readonly BuiltUnit[]): string[] {
  if (units.length < 2) return [];
  if (unit.assessment) return [xmlElement("imsss:rollupRules", { rollupProgressCompletion: false })];
  if (course.assessment) return [xmlElement("imsss:rollupRules", { rollupObjectiveSatisfied: false, objectiveMeasureWeight: 0 })];
  return [xmlElement("imsss:rollupRules", { objectiveMeasureWeight: 0 })];
}

/**
 * The pass mark, on the unit holding the assessment's score (IMS SS 1.0 objectives; SCORM 2004 4th ed. RTE
 * §4.2 cmi.scaled_passing_score is initialised from minNormalizedMeasure when satisfiedByMeasure is true).
 * Only where the LMS's own verdict is the course's: with a mark, the LMS sets success_status to failed as soon
 * as a score.scaled below it arrives (RTE §4.2 cmi.success_status), and the objective rolls up as not
 * satisfied. That is the wish of `*\/failed`; with `*\/incomplete` a failed attempt with retakes left must not
 * read as a failure, so the SCO keeps the verdict (and grades with the course's own mark).
 * The objectiveID is a URN, which no runtime objective id (session ids, `assessment`) can equal: Moodle lists
 * the primary objective in cmi.objectives at index 0, and the runtime appends its own after it.
 */
function objectives(course: Course, unit: Unit): string[] {
  if (!unit.assessment || reportingWish(unit.reporting).failure !== "failed") return [];
  const primary = xmlElement("imsss:primaryObjective", { objectiveID: primaryObjectiveId(unit.id), satisfiedByMeasure: true }, [
    xmlElement("imsss:minNormalizedMeasure", {}, String(scaledPassingScore(course.masteryScore))),
  ]);
  return [xmlElement("imsss:objectives", {}, [primary])];
}

function itemExtensions(course: Course, unit: Unit, units: readonly BuiltUnit[]): string[] {
  const sequencing = xmlElement("imsss:sequencing", {}, [
    ...rollupRules(course, unit, units),
    ...objectives(course, unit),
    // SN §3.13 Delivery Controls: the SCO sets completion and success itself (defaults false).
    xmlElement("imsss:deliveryControls", { completionSetByContent: true, objectiveSetByContent: true }),
  ]);
  // adlnav:presentation (SCORM 2004 4th ed. CAM, ADL navigation extension; SN §5.6 UI devices): in a one-SCO package the player inside the SCO is the
  // only navigation, so the LMS's Previous/Continue buttons are hidden. Between several SCOs the LMS's own
  // navigation must stay: Moodle keeps one API object that stays terminated after `continue`, so the next
  // SCO's Initialize fails (104); the SCO therefore never requests `continue` and the learner uses the LMS's.
  const presentation =
    units.length === 1
      ? [
          xmlElement("adlnav:presentation", {}, [
            xmlElement("adlnav:navigationInterface", {}, [xmlElement("adlnav:hideLMSUI", {}, "previous"), xmlElement("adlnav:hideLMSUI", {}, "continue")]),
          ]),
        ]
      : [];
  // CAM §3.4 order of the item's extension elements: completionThreshold, sequencing, presentation.
  return [xmlElement("adlcp:completionThreshold", { completedByMeasure: true, minProgressMeasure: 1 }), sequencing, ...presentation];
}

export function scorm2004Manifest(course: Course, units: readonly BuiltUnit[], shared: readonly string[]): string {
  return writeCpManifest({
    identifier: manifestId(course),
    version: course.version,
    namespaces: [
      { prefix: "", uri: NS.imscp },
      { prefix: "adlcp", uri: NS.adlcp },
      { prefix: "adlseq", uri: NS.adlseq },
      { prefix: "adlnav", uri: NS.adlnav },
      { prefix: "imsss", uri: NS.imsss },
      { prefix: "xsi", uri: NS.xsi },
    ],
    schemaLocation: SCORM2004_SCHEMA_LOCATIONS,
    // CAM §3.4: the metadata that names the SCORM version a package conforms to.
    schemaVersion: "2004 4th Edition",
    scormTypeAttribute: "adlcp:scormType",
    organization: {
      identifier: organizationId(course),
      title: course.title,
      items: units.map((u) => ({ identifier: itemId(u.unit.id), identifierref: resourceId(u.unit.id), title: u.unit.title, extensions: itemExtensions(course, u.unit, units) })),
      extensions: [ORGANIZATION_SEQUENCING],
    },
    resources: unitResources(units, shared),
  });
}
