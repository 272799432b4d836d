// SCORM 1.2 limits, in one place: the build checks a course against them (course-limits.ts) and the
// browser runtime imports them, so both agree on what an LMS accepts. Constants and tiny pure functions only:
// this file is bundled into the runtime.

/** IMS CP 1.1.2 schema (imscp_rootv1p1p2.xsd, titleType), used by SCORM 1.2 CAM: `<title>` ≤ 200 characters. */
export const TITLE_MAX = 200;

/** IMS CP 1.1.2 schema, `manifest/@version` (attr.version): ≤ 20 characters. */
export const MANIFEST_VERSION_MAX = 20;

/** SCORM 1.2 RTE data type CMIString255 (`lesson_location`, `student_response`, `correct_responses.n.pattern`). */
export const CMI_STRING255_MAX = 255;

/** SCORM 1.2 RTE data type CMIString4096 (`cmi.suspend_data`). */
export const CMI_STRING4096_MAX = 4096;

/**
 * SCORM 1.2 RTE data type CMIIdentifier (`cmi.objectives.n.id`, `cmi.interactions.n.id`): ≤ 255 characters
 * without white space; strict LMSs (Moodle) take printable ASCII only.
 */
const CMI_IDENTIFIER = /^[\x21-\x7e]{1,255}$/;
export const isCmiIdentifier = (s: string): boolean => CMI_IDENTIFIER.test(s);

/** SCORM 1.2 RTE data type CMIDecimal: a signed decimal number in plain notation (no exponent). */
const CMI_DECIMAL = /^-?\d+(\.\d+)?$/;
export const isCmiDecimal = (n: number): boolean => CMI_DECIMAL.test(String(n));

/** `cmi.interactions.n.weighting` (CMIDecimal): Moodle accepts −100…100 only. */
export const WEIGHTING_MAX = 100;

/** `adlcp:masteryscore` (SCORM 1.2 CAM) → `cmi.student_data.mastery_score`: a CMIDecimal 0–100. */
export const MASTERY_SCORE_MAX = 100;

/** `cmi.interactions.n.id` of a question: unique in the SCO, a CMIIdentifier. */
export const interactionId = (quizId: string, questionId: string): string => `${quizId}-${questionId}`;

/** `cmi.core.lesson_location` (CMIString255): the bookmark `<session>/<page>`. */
export const bookmark = (sessionId: string, pageId: string): string => `${sessionId}/${pageId}`;
