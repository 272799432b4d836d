// Offline XSD validation of SCORM 1.2 manifests: the product's own (src/standards/scorm12/verify/xsd.ts), which
// `coursewright verify` uses too.
export { validateScorm12Manifest, SCORM12_WRAPPER_XSD, type XsdResult } from "../../src/standards/scorm12/verify/xsd.js";
export { validateCourseStructure, CMI5_XSD } from "../../src/standards/cmi5/verify/xsd.js";
