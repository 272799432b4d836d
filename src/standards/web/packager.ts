// Plain web packages: the whole course as one page set that runs from any static web server or straight
// from the disk (file://), with no LMS; written as a zip and as the same files unpacked beside it.
import type { Packager } from "../packager.js";
import { WEB_MESSAGES } from "./messages.js";

export const webPackager: Packager = {
  supportsUnits: false,
  // Nothing is reported anywhere: the page may reach no server at all (CSP3 §6.1.2 connect-src). The rest of
  // the policy ('self' for the runtime, the stylesheet and the images) holds under file:// too: Chromium
  // matches 'self' against the file: URLs of a file: page (test/web-target.test.ts runs the course from
  // file:// under this very policy), so nothing is loosened for it.
  connectSrc: ["'none'"],
  messages: WEB_MESSAGES,
  unpacked: true,
  zipName: (course) => `${course.slug}-web.zip`,
  // No limit of a standard to respect: the progress is a bookmark and the encoded state, a few KB at most,
  // far below the 5 MiB browsers give an origin's localStorage.
  courseLimits: () => [],
  // No control file: the index page is the package.
  controlFiles: () => [],
};
