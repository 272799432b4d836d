// 32-bit FNV-1a in base 36: a short, stable fingerprint shared by build and runtime (not a security hash).
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}
