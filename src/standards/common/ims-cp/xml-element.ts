// A small writer of indented XML elements, for the extension elements manifests put into IMS CP's
// `##other` wildcards (sequencing, presentation, mastery). Attribute values and text are escaped here.
import { esc } from "../../../package/xml.js";

export type AttributeValue = string | number | boolean | undefined;

/**
 * `<name a="1" b="x"/>`, or with children (already written elements, or one text) indented by two spaces
 * under it. Attributes whose value is undefined are left out, so defaults stay implicit.
 */
export function xmlElement(name: string, attributes: Readonly<Record<string, AttributeValue>>, children: readonly string[] | string = []): string {
  const attrs = Object.entries(attributes)
    .flatMap(([key, value]) => (value === undefined ? [] : [` ${key}="${esc(String(value), `attribute ${key} of <${name}>`)}"`]))
    .join("");
  if (typeof children === "string") return `<${name}${attrs}>${esc(children, `text of <${name}>`)}</${name}>`;
  if (children.length === 0) return `<${name}${attrs}/>`;
  return `<${name}${attrs}>\n${children.map((c) => indent(c, 2)).join("\n")}\n</${name}>`;
}

/** Every line of `text` moved right by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => pad + line)
    .join("\n");
}
