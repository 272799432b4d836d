// The plain web package's words for the learner (runtime/core/messages.ts `say`): the progress kept in
// this browser, and the way to clear it. Keys start with `web`, so they never meet the neutral ones
// (render/messages.ts).
export const WEB_MESSAGES: Readonly<Record<string, string>> = {
  webKept: "Your progress is kept on this device, in this browser.",
  webNotKept: "Your progress is not kept: this browser does not let the course store anything, so it starts afresh next time.",
  webNotSaved: "Your latest progress could not be kept on this device: the browser's storage is full or blocked.",
  webStartOver: "Start over",
  webStartOverConfirm: "Start over? Your progress and answers kept on this device will be cleared.",
};
