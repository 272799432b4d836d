// Recognises a cmi5 package (cmi5 §14.1: a ZIP with cmi5.xml at its root) and reads its AUs (§13.1.4), at any
// depth of blocks, in document order. Any tool's package, not only ours.
import { childrenNS, elementsNS, parseXml, type XmlElement } from "../../package/read-xml.js";
import type { PackageReader } from "../reader.js";
import { CMI5_XML, NS_CMI5 } from "./course-structure.js";

/** What the LMS needs of an AU to launch it (cmi5 §13.1.4). */
export interface AuEntry {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  /** NotApplicable when the attribute is absent (the schema's default). */
  readonly moveOn: string;
  /** 0..1, when given. */
  readonly masteryScore?: number;
  readonly launchMethod: string;
}

/** The text of an element's first langstring (§13.1: title and description are langstrings). */
export const langText = (el: XmlElement | undefined): string => (el ? (childrenNS(el, NS_CMI5, "langstring")[0]?.textContent.trim() ?? "") : "");

export function auEntries(xml: string): { title: string; language?: string; aus: AuEntry[] } {
  const root = parseXml(xml);
  if (root.namespaceURI !== NS_CMI5 || root.localName !== "courseStructure") throw new Error(`the root element is not <courseStructure xmlns="${NS_CMI5}">`);
  const course = childrenNS(root, NS_CMI5, "course")[0];
  const aus = elementsNS(root, NS_CMI5, "au").map((au): AuEntry => {
    const mastery = au.attribute("masteryScore");
    return {
      id: au.attribute("id") ?? "",
      title: langText(childrenNS(au, NS_CMI5, "title")[0]),
      // §13.1: the LMS removes leading and trailing whitespace.
      url: childrenNS(au, NS_CMI5, "url")[0]?.textContent.trim() ?? "",
      moveOn: au.attribute("moveOn") ?? "NotApplicable",
      ...(mastery !== null && mastery.trim() !== "" && Number.isFinite(Number(mastery)) ? { masteryScore: Number(mastery) } : {}),
      launchMethod: au.attribute("launchMethod") ?? "AnyWindow",
    };
  });
  const courseTitle = course && childrenNS(course, NS_CMI5, "title")[0];
  // The language of the course's title (its first langstring), the one the course is written in.
  const language = courseTitle && childrenNS(courseTitle, NS_CMI5, "langstring")[0]?.attribute("lang")?.trim();
  return { title: langText(courseTitle) || "cmi5 course", ...(language ? { language } : {}), aus };
}

export const cmi5Reader: PackageReader = {
  controlFile: CMI5_XML,
  // A course structure may sit beside another standard's manifest (§14.1 puts no other file off limits): it is asked first.
  first: true,

  recognise(names) {
    return names.includes(CMI5_XML) ? { root: "", control: CMI5_XML, findings: [] } : undefined;
  },

  units(xml) {
    const { title, aus } = auEntries(xml);
    if (aus.length === 0) throw new Error("cmi5.xml has no <au>");
    // The unit's masteryScore in percent, as the other standards' readers give it.
    return { title, units: aus.map((a) => ({ id: a.id, title: a.title || a.id, href: a.url, ...(a.masteryScore !== undefined ? { masteryScore: a.masteryScore * 100 } : {}) })) };
  },
};
