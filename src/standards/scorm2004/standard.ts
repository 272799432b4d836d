// SCORM 2004 4th Edition (ADL, 2009): an IMS CP 1.1.4 manifest with IMS Simple Sequencing, the
// `API_1484_11` object of an ancestor frame.
import type { Standard } from "../standard.js";
import { scorm2004Packager } from "./packager.js";

export const scorm2004: Standard = {
  id: "scorm2004",
  aliases: [],
  title: "SCORM 2004 4th Edition",
  npmScripts: ["build:scorm2004"],
  packager: scorm2004Packager,
};
