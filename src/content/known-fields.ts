// The field names a schema allows at a path of the value, to suggest one for a mistyped field.
import { z } from "zod";

/** Keys of the object schema that `path` leads to inside `schema` (empty when it leads to no object). */
export function knownFields(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  return objectsAt(schema, path).flatMap((o) => Object.keys(o._zod.def.shape)).filter((k, i, all) => all.indexOf(k) === i);
}

function objectsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodObject[] {
  const s = unwrap(schema);
  if (s instanceof z.core.$ZodUnion) return s._zod.def.options.flatMap((o) => objectsAt(o, path));
  const [key, ...rest] = path;
  if (key === undefined) return s instanceof z.core.$ZodObject ? [s] : [];
  if (s instanceof z.core.$ZodArray && typeof key === "number") return objectsAt(s._zod.def.element, rest);
  if (s instanceof z.core.$ZodObject && typeof key === "string") {
    const field = s._zod.def.shape[key];
    return field ? objectsAt(field, rest) : [];
  }
  return [];
}

/** Looks through wrappers that do not change which fields an object has. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.core.$ZodOptional || schema instanceof z.core.$ZodNullable || schema instanceof z.core.$ZodDefault) {
    return unwrap(schema._zod.def.innerType);
  }
  if (schema instanceof z.core.$ZodPipe) return unwrap(schema._zod.def.in);
  return schema;
}
