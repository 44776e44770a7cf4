"use client";

import { buttonClasses } from "@/components/ui/button";
import { LAST_PAGE_CURSOR, searchParamsOfView, type ListView } from "@/lib/tokens/list-view";
import { ListLink } from "./list-navigation";

const PAGE = "/settings/service-tokens";

/** A link to the view at `cursor` (undefined: the first page), or a disabled look-alike when there is none. */
function PageLink({ to, view, label }: { to: { cursor: string | undefined } | null; view: ListView; label: string }) {
  if (!to) {
    return (
      <span aria-disabled="true" role="link" className={buttonClasses({ size: "sm" })}>
        {label}
      </span>
    );
  }
  return (
    <ListLink href={`${PAGE}${searchParamsOfView({ ...view, cursor: to.cursor })}`} className={buttonClasses({ size: "sm" })}>
      {label}
    </ListLink>
  );
}

/**
 * First, Previous, Next and Last page by cursor (Last: the reverse order's first page), with "Page N of M":
 * links, so each page has its own URL and Back returns to it.
 */
export function Pager({
  view,
  page,
  pageCount,
  nextCursor,
  prevCursor,
}: {
  view: ListView;
  page: number;
  pageCount: number;
  nextCursor: string | null;
  prevCursor: string | null;
}) {
  if (!nextCursor && !prevCursor) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-end gap-2">
      <PageLink to={prevCursor ? { cursor: undefined } : null} view={view} label="First page" />
      <PageLink to={prevCursor ? { cursor: prevCursor } : null} view={view} label="Previous page" />
      <p className="px-2 text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
        Page {page.toLocaleString("en-US")} of {pageCount.toLocaleString("en-US")}
      </p>
      <PageLink to={nextCursor ? { cursor: nextCursor } : null} view={view} label="Next page" />
      <PageLink to={nextCursor ? { cursor: LAST_PAGE_CURSOR } : null} view={view} label="Last page" />
    </nav>
  );
}
