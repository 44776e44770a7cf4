// The token lookup's timestamps, read from the text the database gives: PostgreSQL's `timestamp(3)`
// ("2026-01-31 12:00:00.25", UTC wall time) and what Prisma's SQLite adapter writes
// ("2026-01-31T12:00:00.000+00:00"). Through `new Date(text)` each took V8's string date parser and,
// for PostgreSQL, a string rewritten first: about 3 µs of a lookup's 125 on PostgreSQL, profiled in the
// console (bench/README.md, "The honest baseline"). The common forms are read here digit by digit;
// anything else (another zone, a year before 1000, more digits) goes to the caller's general parse.
import { NativeDate } from "../clock";

const ZERO = 48;
const digit = (text: string, i: number) => text.charCodeAt(i) - ZERO;

/** The digits at [from, from + count) as a number, or -1 when one is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = digit(text, i);
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * "YYYY-MM-DD[T or space]HH:MM:SS[.f…]" followed by nothing, "Z" or "+00:00", as UTC; null for any
 * other text. Fractions beyond milliseconds are cut, as `new Date(text)` cuts them.
 */
export function utcFromText(text: string): Date | null {
  const length = text.length;
  if (length < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const separator = text.charCodeAt(10);
  if ((separator !== 32 && separator !== 84) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // digits() is -1 for a non-digit. Date.UTC reads years 0–99 as 1900–1999: those (never a token's)
  // go to the general parse.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  let i = 19;
  let ms = 0;
  if (i < length && text.charCodeAt(i) === 46) {
    const from = ++i;
    while (i < length && i - from < 9 && digit(text, i) >= 0 && digit(text, i) <= 9) i++;
    if (i === from) return null;
    const kept = Math.min(i - from, 3);
    ms = digits(text, from, kept) * (kept === 1 ? 100 : kept === 2 ? 10 : 1);
  }
  const zone = length - i;
  if (zone !== 0 && !(zone === 1 && text.charCodeAt(i) === 90) && text.slice(i) !== "+00:00") return null;
  const time = NativeDate.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new NativeDate(time);
  // 2026-02-30 would roll over to March: the general parse decides what such text means.
  return date.getUTCDate() === day ? date : null;
}
