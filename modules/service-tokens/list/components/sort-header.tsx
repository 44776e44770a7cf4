"use client";

import {
  DEFAULT_ORDER,
  LIST_SORT_LABELS,
  searchParamsOfView,
  type ListSort,
  type ListView,
  type SortOrder,
} from "@/lib/tokens/list-view";
import { ListLink } from "./list-navigation";

/**
 * A column header that sorts by its column: a link (so the sort is in the URL and Back undoes it), with
 * aria-sort on the header. Choosing the sorted column again reverses it; a new sort starts on page one.
 */
export function SortHeader({ sort, view }: { sort: ListSort; view: ListView }) {
  const active = view.sort === sort;
  const nextOrder = active ? (view.order === "asc" ? "desc" : "asc") : DEFAULT_ORDER[sort];
  const href = `/settings/service-tokens${searchParamsOfView({ ...view, sort, order: nextOrder, cursor: undefined })}`;
  return (
    <th
      role="columnheader"
      scope="col"
      aria-sort={active ? (view.order === "asc" ? "ascending" : "descending") : "none"}
      className="text-left text-xs font-medium whitespace-nowrap text-zinc-600 @4xl:table-cell @4xl:px-1 @4xl:py-1.5 @4xl:whitespace-normal dark:text-zinc-400"
    >
      <ListLink
        href={href}
        className={
          "inline-flex items-center gap-1 rounded-md border border-zinc-300 px-2 py-1 hover:text-zinc-900 @4xl:border-0 @4xl:p-0 dark:border-zinc-700 dark:hover:text-zinc-100 " +
          (active ? "font-semibold text-zinc-900 dark:text-zinc-100" : "")
        }
      >
        {LIST_SORT_LABELS[sort]}
        <SortArrow state={active ? view.order : null} />
      </ListLink>
    </th>
  );
}

/** Drawn, not written: the header's text stays exactly the column's name. */
function SortArrow({ state }: { state: SortOrder | null }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 10 12" className="size-2.5 fill-current">
      {state !== "desc" ? <path d="M5 0 9 5H1z" opacity={state === "asc" ? 1 : 0.4} /> : null}
      {state !== "asc" ? <path d="M5 12 1 7h8z" opacity={state === "desc" ? 1 : 0.4} /> : null}
    </svg>
  );
}
