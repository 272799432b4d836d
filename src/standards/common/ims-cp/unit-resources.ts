// How a Coursewright package maps onto IMS CP, the same for every SCORM: one item and one SCO resource per
// unit (identifiers derived from the unit id), and one asset resource holding the shared files.
import type { Course } from "../../../model/course.js";
import { ncname } from "../../../package/xml.js";
import type { BuiltUnit } from "../../packager.js";
import type { CpResource } from "./manifest-writer.js";

// Not under the `RES-` prefix of unit resources: a session with id `shared` must not collide with it.
export const SHARED_RESOURCE = "SHARED-assets";

export const manifestId = (course: Course): string => ncname("MANIFEST-", course.slug);
export const organizationId = (course: Course): string => ncname("ORG-", course.slug);
export const itemId = (unitId: string): string => ncname("ITEM-", unitId);
export const resourceId = (unitId: string): string => ncname("RES-", unitId);

/** Each unit's SCO resource (its own files, then the shared assets as a dependency), then the asset resource. */
export function unitResources(units: readonly BuiltUnit[], shared: readonly string[]): CpResource[] {
  return [
    ...units.map((u): CpResource => ({ identifier: resourceId(u.unit.id), scormType: "sco", href: u.unit.file, files: u.files, dependencies: [SHARED_RESOURCE] })),
    { identifier: SHARED_RESOURCE, scormType: "asset", files: shared, dependencies: [] },
  ];
}
