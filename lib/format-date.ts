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
