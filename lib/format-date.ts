// dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.
const WITH_ZONE: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** A date and time in the viewer's locale and time zone, with the zone named ("Mar 4, 2027, 3:05 PM GMT+1"). */
export function formatLocalDateTime(date: Date, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(undefined, { ...WITH_ZONE, ...options }).format(date);
}

export function formatLocalDate(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" }).format(date);
}

/** The time of day with the viewer's zone named ("3:05 PM GMT+1"). */
export function formatLocalTime(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(date);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/**
 * A time relative to `now`, in the largest unit it spans at least twice (months and years only past 60
 * days and 2 years: "in 45 days" reads better than "in 1 month"): "in 3 days", "2 hours ago", "now".
 */
export function formatRelativeTime(date: Date, now: Date): string {
  const ms = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(ms) >= 2 * size || (unit === "minute" && Math.abs(ms) >= size))
      return format.format(Math.trunc(ms / size), unit);
  }
  return "now";
}

/** The exact instant in UTC, to the minute ("2027-03-04 14:05 UTC"). */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
