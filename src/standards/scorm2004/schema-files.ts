// The SCORM 2004 4th edition schema set: namespaces, the files a package carries at its root (ADL's, vendored
// byte-for-byte in vendor/adl-scorm2004/ with their provenance), and where the manifest says they are.
import path from "node:path";
import { PACKAGE_ROOT } from "../../paths.js";

export const SCORM2004_SCHEMA_DIR = path.join(PACKAGE_ROOT, "vendor", "adl-scorm2004");

export const SCORM2004_NAMESPACES = {
  imscp: "http://www.imsglobal.org/xsd/imscp_v1p1",
  adlcp: "http://www.adlnet.org/xsd/adlcp_v1p3",
  adlseq: "http://www.adlnet.org/xsd/adlseq_v1p3",
  adlnav: "http://www.adlnet.org/xsd/adlnav_v1p3",
  imsss: "http://www.imsglobal.org/xsd/imsss",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

/** `xsi:schemaLocation` of the manifest: each namespace it uses and its schema file at the package root. */
export const SCORM2004_SCHEMA_LOCATIONS: readonly (readonly [string, string])[] = [
  [SCORM2004_NAMESPACES.imscp, "imscp_v1p1.xsd"],
  [SCORM2004_NAMESPACES.adlcp, "adlcp_v1p3.xsd"],
  [SCORM2004_NAMESPACES.adlseq, "adlseq_v1p3.xsd"],
  [SCORM2004_NAMESPACES.adlnav, "adlnav_v1p3.xsd"],
  [SCORM2004_NAMESPACES.imsss, "imsss_v1p0.xsd"],
];

/**
 * Every file those schemas need (CAM: a package carries the schema files its manifest names, with what they
 * import and include): imscp's import of the xml namespace (xml.xsd, whose DOCTYPE names the two W3C DTDs)
 * and the parts imsss_v1p0.xsd includes. No LOM schemas: the manifest carries no `<lom>` metadata.
 */
export const SCORM2004_SCHEMA_FILES = [
  "XMLSchema.dtd",
  "adlcp_v1p3.xsd",
  "adlnav_v1p3.xsd",
  "adlseq_v1p3.xsd",
  "datatypes.dtd",
  "imscp_v1p1.xsd",
  "imsss_v1p0.xsd",
  "imsss_v1p0auxresource.xsd",
  "imsss_v1p0control.xsd",
  "imsss_v1p0delivery.xsd",
  "imsss_v1p0limit.xsd",
  "imsss_v1p0objective.xsd",
  "imsss_v1p0random.xsd",
  "imsss_v1p0rollup.xsd",
  "imsss_v1p0seqrule.xsd",
  "imsss_v1p0util.xsd",
  "xml.xsd",
] as const;
