/** Joins truthy class names. No dedupe/merge: pass overrides that don't conflict, or rely on source order. */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
