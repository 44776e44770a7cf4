"use client";

import { buttonClasses } from "@/components/ui/button";
import { searchParamsOfView, type ListView } from "@/lib/tokens/list-view";
import { ListLink } from "./list-navigation";

const PAGE = "/settings/service-tokens";

function PageLink({ cursor, view, label }: { cursor: string | null; view: ListView; label: string }) {
  if (!cursor) {
    return (
      <span aria-disabled="true" role="link" className={buttonClasses({ size: "sm" })}>
        {label}
      </span>
    );
  }
  return (
    <ListLink href={`${PAGE}${searchParamsOfView({ ...view, cursor })}`} className={buttonClasses({ size: "sm" })}>
      {label}
    </ListLink>
  );
}

/** Previous page / Next page by cursor: links, so each page has its own URL and Back returns to it. */
export function Pager({
  view,
  nextCursor,
  prevCursor,
}: {
  view: ListView;
  nextCursor: string | null;
  prevCursor: string | null;
}) {
  if (!nextCursor && !prevCursor) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2">
      <PageLink cursor={prevCursor} view={view} label="Previous page" />
      <PageLink cursor={nextCursor} view={view} label="Next page" />
    </nav>
  );
}
