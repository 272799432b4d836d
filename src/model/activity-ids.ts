// xAPI activity ids of a course's parts: IRIs under the course id (design.md §3), the same in the
// package's tincan.xml and in the statements the runtime sends.

export const activityIds = {
  session: (course: string, sessionId: string): string => `${course}/session/${enc(sessionId)}`,
  page: (course: string, sessionId: string, pageId: string): string => `${course}/session/${enc(sessionId)}/page/${enc(pageId)}`,
  assessment: (course: string, quizId: string): string => `${course}/assessment/${enc(quizId)}`,
  check: (course: string, quizId: string): string => `${course}/check/${enc(quizId)}`,
  question: (course: string, quizId: string, questionId: string): string => `${course}/question/${enc(quizId)}/${enc(questionId)}`,
};

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** ADL activity types (conformance.md 7.6). */
export const ACTIVITY_TYPES = {
  course: "http://adlnet.gov/expapi/activities/course",
  module: "http://adlnet.gov/expapi/activities/module",
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  interaction: "http://adlnet.gov/expapi/activities/cmi.interaction",
} as const;
