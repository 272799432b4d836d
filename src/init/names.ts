// Names derived from the folder a course is created in: the course slug (which also names the npm package)
// and a title to start from. Both only seed the scaffold; the author edits them in course.yaml.

/** The scaffold's own slug, replaced in its files by the one made from the folder name. */
export const SCAFFOLD_SLUG = "my-course";
export const SCAFFOLD_TITLE = "My course";

/**
 * A course slug (lower-case words joined by '-', ≤ 64 characters, as courseSchema requires) that is also a
 * valid npm package name (npm's package.json "name": lower case, URL-safe, ≤ 214 characters).
 */
export function slugFromFolder(folderName: string): string {
  const slug = folderName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return slug || SCAFFOLD_SLUG;
}

/** "first-aid-basics" → "First aid basics". */
export function titleFromSlug(slug: string): string {
  const words = slug.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
