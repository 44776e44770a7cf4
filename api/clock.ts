// The Bearer API's clock. Next.js replaces the global `Date` when its server starts (a wrapper that
// checks, on every construction, whether a prerender is reading the clock); the API never runs inside
// a render, so it keeps the original constructor, captured when this module loads, before `next()` is
// called (the wrapper's measurable cost on the API's CPU time is in bench/README.md).
export const NativeDate: DateConstructor = Date;

export function currentTime(): Date {
  return new NativeDate();
}

let lastTime = Number.NaN;
let lastText = "";

/**
 * `date.toISOString()`, remembering the last answer: a request formats its token's expiry twice (the
 * X-Token-Expiration header and the body of GET /api/v1/token), and V8 formats through a C++ call and
 * printf (its cost is in bench/README.md). Keyed by the time value, so a Date changed in place
 * is formatted again.
 */
export function isoTime(date: Date): string {
  const time = date.getTime();
  if (time !== lastTime) {
    lastText = date.toISOString();
    lastTime = time;
  }
  return lastText;
}
