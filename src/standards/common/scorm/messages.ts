// What a SCORM package's runtime tells the learner about the LMS, by key (runtime/core/messages.ts `say`):
// written into each page's runtime data by the SCORM packagers, so the bundle carries only the keys.
// Keys start with `lms`, so they never meet the neutral ones (render/messages.ts).
export const SCORM_MESSAGES: Readonly<Record<string, string>> = {
  lmsNone: "No {0} LMS was found, so your progress is not being recorded.",
  lmsNoStart: "The LMS did not start tracking ({0}), so your progress may not be recorded.",
  lmsSilent: "it did not respond",
  lmsError: "error {0}",
  lmsBrowse: "Preview: you can use the whole course; nothing is graded or recorded.",
  lmsPart: "The LMS did not accept part of your progress ({0}, error {1}); the rest is being saved.",
  lmsNotSaving: "The LMS is not saving your progress at the moment. You can carry on: the course keeps trying.",
  lmsLongBookmark: "bookmark longer than {0} characters was not saved",
  lmsLongState: "progress data of {0} characters exceeds the LMS's limit of {1}; it was not saved",
};
