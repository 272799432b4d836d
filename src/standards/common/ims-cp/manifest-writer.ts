// imsmanifest.xml as IMS Content Packaging lays it out (IMS CP 1.1.2 for SCORM 1.2, IMS CP 1.1.4 for SCORM
// 2004): one organization of items, each naming its resource; one resource per launch file, and one asset
// resource holding the files every unit shares, listed once and reached through a dependency.
// What differs between the SCORMs (namespaces, schema files, the scormType attribute's spelling, extension
// elements such as mastery or sequencing) comes in through CpManifest.
import { esc } from "../../../package/xml.js";
import { indent } from "./xml-element.js";

export interface CpNamespace {
  /** `""` for the default namespace (IMS CP's). */
  readonly prefix: string;
  readonly uri: string;
}

export interface CpItem {
  readonly identifier: string;
  readonly identifierref: string;
  readonly title: string;
  /** Elements after `<title>`, in IMS CP's `##other` wildcard (written by xmlElement; indented here). */
  readonly extensions: readonly string[];
}

export interface CpResource {
  readonly identifier: string;
  readonly scormType: "sco" | "asset";
  /** Launch file (SCOs). */
  readonly href?: string;
  readonly files: readonly string[];
  /** Identifiers of the resources this one needs. */
  readonly dependencies: readonly string[];
}

export interface CpManifest {
  readonly identifier: string;
  readonly version: string;
  /** `xmlns` declarations of the root element, in order. */
  readonly namespaces: readonly CpNamespace[];
  /** `xsi:schemaLocation` pairs: namespace, schema file at the package root. */
  readonly schemaLocation: readonly (readonly [string, string])[];
  /** `<metadata><schema>ADL SCORM</schema><schemaversion>…` */
  readonly schemaVersion: string;
  /** The ADL CP attribute naming a resource's SCORM type: `adlcp:scormtype` (1.2), `adlcp:scormType` (2004). */
  readonly scormTypeAttribute: string;
  readonly organization: {
    readonly identifier: string;
    /** Attributes of `<organization>` besides its identifier, already written (` adlseq:x="y"`), or "". */
    readonly attributes?: string;
    readonly title: string;
    readonly items: readonly CpItem[];
    /** Elements after the items (IMS CP's `##other` wildcard of `<organization>`). */
    readonly extensions: readonly string[];
  };
  readonly resources: readonly CpResource[];
}

const ITEM_CHILD = 8;
const ORGANIZATION_CHILD = 6;

function item(i: CpItem): string {
  const extensions = i.extensions.map((e) => `\n${indent(e, ITEM_CHILD)}`).join("");
  return `      <item identifier="${esc(i.identifier, "item identifier")}" identifierref="${esc(i.identifierref, "item identifierref")}" isvisible="true">
        <title>${esc(i.title, `title of item ${i.identifier}`)}</title>${extensions}
      </item>`;
}

function resource(r: CpResource, scormType: string): string {
  const href = r.href === undefined ? "" : ` href="${esc(r.href, "launch file")}"`;
  const lines = [
    ...r.files.map((f) => `      <file href="${esc(f, "file path")}"/>`),
    ...r.dependencies.map((d) => `      <dependency identifierref="${esc(d, "dependency")}"/>`),
  ];
  return `    <resource identifier="${esc(r.identifier, "resource identifier")}" type="webcontent" ${scormType}="${r.scormType}"${href}>
${lines.join("\n")}
    </resource>`;
}

export function writeCpManifest(m: CpManifest): string {
  const xmlns = m.namespaces.map((n) => `xmlns${n.prefix ? `:${n.prefix}` : ""}="${n.uri}"`).join(" ");
  const schemaLocation = m.schemaLocation.map(([ns, file]) => `${ns} ${file}`).join(" ");
  const org = m.organization;
  const orgId = esc(org.identifier, "organization identifier");
  const orgExtensions = org.extensions.map((e) => `\n${indent(e, ORGANIZATION_CHILD)}`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${esc(m.identifier, "manifest identifier")}" version="${esc(m.version, "course version")}"
    ${xmlns}
    xsi:schemaLocation="${schemaLocation}">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${esc(m.schemaVersion, "schema version")}</schemaversion>
  </metadata>
  <organizations default="${orgId}">
    <organization identifier="${orgId}"${org.attributes ?? ""}>
      <title>${esc(org.title, "course title")}</title>
${org.items.map(item).join("\n")}${orgExtensions}
    </organization>
  </organizations>
  <resources>
${m.resources.map((r) => resource(r, m.scormTypeAttribute)).join("\n")}
  </resources>
</manifest>
`;
}
