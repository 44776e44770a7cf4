"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { formatRelativeTime, formatUtcMinute } from "@/lib/format-date";

/**
 * A time as people say it ("in 3 days", "2 hours ago") with its exact UTC time in the same element: read
 * by screen readers after the relative text, and shown beneath it when the row is hovered or holds the
 * keyboard focus (.rt-exact in globals.css), so no extra tab stop per cell is needed. The server does not
 * know when the page is read, so it renders the exact time only; the browser adds the relative one.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const inBrowser = useHydrated();
  const date = new Date(iso);
  const exact = formatUtcMinute(date);
  if (!inBrowser) return <time dateTime={iso}>{exact}</time>;
  return (
    <time dateTime={iso} className="rt">
      {formatRelativeTime(date, new Date())}
      <span className="rt-exact">, {exact}</span>
    </time>
  );
}
