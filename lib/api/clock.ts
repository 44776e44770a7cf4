// The Bearer API's clock. Next.js replaces the global `Date` when its server starts (a wrapper that
// checks, on every construction, whether a prerender is reading the clock); the API never runs inside
// a render, so it keeps the original constructor, captured when this module loads, before `next()` is
// called (measured: the wrapper cost ~1.5 % of the API's CPU time under load, bench/README.md).
export const NativeDate: DateConstructor = Date;

export function currentTime(): Date {
  return new NativeDate();
}
