// xAPI activity ids of a course's parts: IRIs under the course id (xAPI 1.0.3 Part 2 §2.4.4.1, Activity id
// requirements: unique, always the same Activity; README: What the packages report), the same in the
// package's control file and in the statements the runtime sends. The scheme:
//   <course>                                  the course (control file)
//   <course>/session/<session>                a session (control file)
//   <course>/session/<session>/page/<page>    a page of that session (its knowledge check is page `check`)
//   <course>/assessment/<quiz>                the final assessment (control file); its one page is this activity too
//   <course>/question/<quiz>/<question>       a question (cmi.interaction)
//   <course>/reflection/<reflection>          a reflection the learner writes (cmi.interaction, long-fill-in)

const enc = encodeURIComponent;

export const activityIds = {
  session: (course: string, sessionId: string): string => `${course}/session/${enc(sessionId)}`,
  page: (course: string, sessionId: string, pageId: string): string => `${activityIds.session(course, sessionId)}/page/${enc(pageId)}`,
  assessment: (course: string, quizId: string): string => `${course}/assessment/${enc(quizId)}`,
  question: (course: string, quizId: string, questionId: string): string => `${course}/question/${enc(quizId)}/${enc(questionId)}`,
  reflection: (course: string, id: string): string => `${course}/reflection/${enc(id)}`,
};

/** A reflection's key in the activity table (':' never occurs in an id). */
export const reflectionKey = (id: string): string => `reflection:${id}`;

/** A question's key in the build-time activity table (activity-table.ts), where the runtime looks it up. */
export const questionKey = (quizId: string, questionId: string): string => `${quizId}#${questionId}`;

/** Prefix of the ADL verbs and activity types (xAPI 1.0.3 Part 2 §2.4.3, §2.4.4.1). */
export const ADL = "http://adlnet.gov/expapi/";

/**
 * ADL activity types for `definition.type` (xAPI 1.0.3 Part 2 §2.4.4.1, Activity Definition), for the control file
 * and the activity table the runtime reads (both made at build time).
 */
export const ACTIVITY_TYPES = {
  course: "http://adlnet.gov/expapi/activities/course",
  module: "http://adlnet.gov/expapi/activities/module",
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  interaction: "http://adlnet.gov/expapi/activities/cmi.interaction",
} as const;
