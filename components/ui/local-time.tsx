"use client";

import { cn } from "@/components/ui/cn";
import { useHydrated } from "@/components/ui/use-hydrated";
import { formatLocalDate, formatLocalDateTime, formatLocalTime } from "@/lib/format-date";

/**
 * A date in the viewer's locale and time zone, with the zone named. The server does not know the
 * viewer's zone, so it renders UTC and the browser replaces it after hydration (no mismatch).
 */
export function LocalTime({ iso, stacked = false, className }: { iso: string; stacked?: boolean; className?: string }) {
  const inBrowser = useHydrated();
  const date = new Date(iso);
  const title = date.toISOString();
  if (stacked) {
    // Date on one line, time and zone below: keeps table columns narrow (.lt-stack in globals.css: it
    // repeats three times on every row of the token list).
    const day = inBrowser ? formatLocalDate(date) : title.slice(0, 10);
    const time = inBrowser ? formatLocalTime(date) : `${title.slice(11, 16)} UTC`;
    return (
      <time dateTime={iso} title={title} className={cn("lt-stack", className)}>
        <span>{day}</span>
        <span>{time}</span>
      </time>
    );
  }
  const text = inBrowser ? formatLocalDateTime(date) : `${title.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={title} className={className}>
      {text}
    </time>
  );
}
