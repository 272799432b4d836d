// Offline XSD validation of SCORM 1.2 manifests: the product's own (src/verify/xsd.ts), which
// `coursewright verify` uses too.
export { validateScorm12Manifest, SCORM12_WRAPPER_XSD, type XsdResult } from "../../src/verify/xsd.js";
