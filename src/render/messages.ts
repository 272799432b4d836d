// The runtime's learner-facing words in English, by key: written into every page's runtime data
// (render/runtime-data.ts), looked up by the browser runtime with `say` (runtime/core/messages.ts), so the
// bundle names keys, not sentences. A standard's own words (its LMS or LRS) come from its Packager's
// `messages`, with prefixed keys. Placeholders `{0}`, `{1}`; a plural is a key per form, chosen by the caller.
export const MESSAGES: Readonly<Record<string, string>> = {
  // The banner (ui/player.ts)
  trackerFailed: "Your progress may not be recorded. You can carry on.",
  untracked: "Your progress is not being recorded.",
  review: "Review mode: you can look through the course; nothing new is recorded.",
  left: "You have left the course.",
  // The progress indicator; a session's status in the menu and on the cover (ui/chrome.ts, ui/journey-view.ts)
  progressSessions: "{0} of {1} sessions · {2}%",
  sessionComplete: "Complete",
  sessionStarted: "In progress",
  sessionNew: "Not started",
  sessionLocked: "Locked",
  // Figures: attempts of the most allowed, sessions done of all (ui/results-view.ts, ui/journey-view.ts)
  countOf: "{0} of {1}",
  // A checked question (ui/question-dom.ts, ui/question-marks.ts, ui/quiz-view.ts)
  verdictRight: "Correct.",
  verdictWrong: "Not quite.",
  markRight: "Correct",
  markWrong: "Incorrect",
  matchRight: "Correct match",
  matchWrong: "Incorrect match",
  matchKey: "Correct match: {0}",
  placeRight: "In the right place",
  placeWrong: "Not in the right place",
  placeKey: "It belongs at position {0}",
  fillKey: "Accepted answer: {0}",
  choiceRight: "Your answer: correct",
  choiceWrong: "Your answer: incorrect",
  choiceKey: "Correct answer",
  checkDone: "Answered correctly",
  // Sequencing by its buttons, for the live region (ui/question-dom.ts)
  movedTo: "{0}: position {1} of {2}.",
  alreadyFirst: "{0} is already first.",
  alreadyLast: "{0} is already last.",
  // Asked for an answer (ui/quiz-actions.ts)
  checkMatch: "Match every item before checking.",
  checkAnswer: "Answer the question before checking.",
  submitMatch: "Match every item before submitting.",
  submitAnswer: "Answer this question before submitting.",
  submitMissing: "Question {0} has no answer yet. Answer every question, then submit.",
  // The assessment's results (ui/results-view.ts)
  score: "Your score is {0}; the pass mark is {1}%.",
  passed: "Passed. {0}",
  notPassed: "Not passed. {0} {1}",
  tryAgain: "You can try again.",
  attemptsLeftOne: "You have {0} attempt left.",
  attemptsLeftOther: "You have {0} attempts left.",
  attemptsUsed: "You have used all your attempts.",
};
