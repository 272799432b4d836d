// What an xAPI package's runtime tells the learner about the LRS, by key (runtime/core/messages.ts `say`):
// written into each page's runtime data by the packager, so the bundle carries only the keys. Keys start
// with `lrs`, so they never meet the neutral ones (render/messages.ts).
export const XAPI_MESSAGES: Readonly<Record<string, string>> = {
  lrsOffline: "Can't reach the learning record store; your progress is kept on this device and sent when it is back.",
  lrsRestored: "Connection restored; your progress is saved.",
  lrsRefused: "The LRS refused our credentials (HTTP {0}); your progress is kept on this device until it accepts them.",
  lrsRejected: "The LRS rejected a record of your progress (HTTP {0}); please tell your course administrator.",
};
