import { buttonClasses } from "@/components/ui/button";
import { LAST_PAGE_CURSOR, searchParamsOfView, type ListView } from "@/lib/tokens/list-view";
import { RESULTS_ID } from "@/modules/service-tokens/shared/paths";

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
  // A plain link, a whole page load: Next's router keeps every page it renders on the client for Back
  // (its back/forward cache, without a bound), so paging through the list in place grew the tab by each
  // page visited; a new document holds only its own page. It opens at the results' count, which takes the
  // focus (ListNavigation) as after a sort.
  return (
    <a
      href={`${PAGE}${searchParamsOfView({ ...view, cursor: to.cursor })}#${RESULTS_ID}`}
      className={buttonClasses({ size: "sm" })}
    >
      {label}
    </a>
  );
}

/**
 * First, Previous, Next and Last page by cursor (Last: the reverse order's first page), with "Page N of M":
 * links, so each page has its own URL and Back returns to it. A server component: nothing here runs in the browser.
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
