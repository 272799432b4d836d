// SCORM 2004 4th edition limits, in one place: the build checks a course against them (course-limits.ts)
// and the browser runtime imports them, so both agree on what an LMS accepts. Constants and tiny pure
// functions only: this file is bundled into the runtime. "SPM" is the smallest permitted maximum an LMS
// must support (SCORM 2004 4th ed. RTE §4.1.1): strict LMSs refuse longer values, so we stay within it.

/** SCORM 2004 4th ed. CAM §3.4 (`<organization>`/`<item>` `<title>`): characterstring, SPM 200. */
export const TITLE_MAX = 200;

/** SCORM 2004 4th ed. CAM §3.4 (`<manifest version>`): characterstring, SPM 20. */
export const MANIFEST_VERSION_MAX = 20;

/** RTE §4.2 `cmi.location`: characterstring, SPM 1000. */
export const LOCATION_MAX = 1000;

/** RTE §4.2 `cmi.suspend_data`: characterstring, SPM 64000 (4th edition; 4000 before). */
export const SUSPEND_DATA_MAX = 64000;

/** RTE §4.1.1 long_identifier_type (`cmi.objectives.n.id`, `cmi.interactions.n.id`): SPM 4000. */
export const LONG_IDENTIFIER_MAX = 4000;

/** RTE §4.1.1 short_identifier_type (choice ids, matching sources/targets, sequencing steps): SPM 250. */
export const SHORT_IDENTIFIER_MAX = 250;

/** RTE §4.1.1 localized_string_type (`cmi.interactions.n.description`, `cmi.objectives.n.description`): SPM 250. */
export const DESCRIPTION_MAX = 250;

/** RTE §4.2 (interactions) fill-in: each localized string of a pattern or response, SPM 250. */
export const FILL_IN_STRING_MAX = 250;

/** RTE §4.2 (interactions) long-fill-in: one localized string, SPM 4000. */
export const LONG_FILL_IN_MAX = 4000;

/**
 * RTE §4.2 (interactions, learner_response and correct_responses formats): items in one response or pattern — choice: a set of SPM 36 short identifiers;
 * matching: a bag of SPM 36 source/target records; sequencing: an array of SPM 36 short identifiers;
 * fill-in: an array of SPM 10 localized strings.
 */
export const RESPONSE_ITEMS_MAX = { choice: 36, matching: 36, sequencing: 36, "fill-in": 10 } as const;

/**
 * RTE §4.2 `cmi.interactions.n.correct_responses` SPM per type: true-false 1, choice 10, fill-in 5,
 * long-fill-in 5, matching 5, sequencing 5. Alternatives beyond these are not sent.
 */
export const CORRECT_RESPONSES_MAX = { "true-false": 1, choice: 10, "fill-in": 5, "long-fill-in": 5, matching: 5, sequencing: 5 } as const;

/**
 * RTE §4.1.1 real(10,7): a real number with at least seven significant digits. Plain decimal notation (no
 * exponent) with at most 7 decimals is what every LMS parses back as written (weighting, scores, measures).
 */
const REAL_10_7 = /^-?\d{1,10}(\.\d{1,7})?$/;
export const isReal107 = (n: number): boolean => Number.isFinite(n) && REAL_10_7.test(String(n));

/** `cmi.interactions.n.weighting` (real(10,7)): Moodle accepts what 1.2 does, −100…100; we keep that range. */
export const WEIGHTING_MAX = 100;

/**
 * RTE §4.2 `cmi.scaled_passing_score` and IMS SS 1.0 `minNormalizedMeasure` (measureType): real(10,7)
 * in [−1, 1]. Our pass mark is a percentage, so the scaled mark is masteryScore / 100 (0…1).
 */
export const scaledPassingScore = (masteryScore: number): number => Math.round(masteryScore * 100) / 10000;

/**
 * RTE §4.1.1 long_identifier_type: a URI (RFC 3986), not empty, no white space, SPM 4000. Moodle checks it in
 * the browser as `urn:<NID>:<NSS>` (NID 1–31 letters, digits, '-') or any other run of non-space characters.
 */
const LONG_IDENTIFIER = /^(?:(?!urn:)[\x21-\x7e]+|urn:[A-Za-z0-9-]{1,31}:[\x21-\x7e]+)$/;
export const isLongIdentifier = (s: string): boolean => s.length <= LONG_IDENTIFIER_MAX && LONG_IDENTIFIER.test(s);

/** `cmi.interactions.n.id` of a question: unique in the SCO (same form as SCORM 1.2's, so reports line up). */
export const interactionId = (quizId: string, questionId: string): string => `${quizId}-${questionId}`;

/** `cmi.location` (SPM 1000): the bookmark `<session>/<page>`. */
export const bookmark = (sessionId: string, pageId: string): string => `${sessionId}/${pageId}`;

/**
 * `objectiveID` of a unit's primary objective (IMS SS 1.0 §3.10; the LMS lists it in `cmi.objectives`, Moodle at
 * index 0). A URN: the runtime's own objective ids are session ids and `assessment` (letters, digits, '-', '_'),
 * so they can never equal it.
 */
export const primaryObjectiveId = (unitId: string): string => `urn:coursewright:unit:${unitId}`;

/** At most `max` characters (code points, as the RTE counts them), for descriptive texts the LMS only shows. */
export function clipChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join("");
}
