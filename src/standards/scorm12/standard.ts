// SCORM 1.2 (ADL, 2001): an IMS CP 1.1.2 manifest, the `API` object of an ancestor frame.
import type { Standard } from "../standard.js";
import { scorm12Packager } from "./packager.js";

export const scorm12: Standard = {
  id: "scorm12",
  aliases: [],
  title: "SCORM 1.2",
  npmScripts: ["build:scorm"],
  packager: scorm12Packager,
};
