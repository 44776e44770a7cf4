"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { CommitSelect } from "@/components/ui/commit-select";
import {
  EXPIRES_FILTERS,
  EXPIRES_LABELS,
  LAST_USED_FILTERS,
  LAST_USED_LABELS,
  LIST_STATUSES,
  LIST_STATUS_LABELS,
  looksLikeToken,
  searchParamsOfView,
  type ListView,
} from "@/lib/tokens/list-view";
import { useListNavigation } from "./list-navigation";

const PAGE = "/settings/service-tokens";
const labelClass = "text-xs font-medium text-zinc-700 dark:text-zinc-300";

/**
 * Search, Type, Status, Expires and Last used (the page size is beside the count: per-page-select.tsx). Every change is a navigation to a new URL (pushed, so Back walks
 * the views) that starts again on the first page; the server renders the list.
 */
export function TokenFilters({ view }: { view: ListView }) {
  const navigate = useListNavigation();
  const [tokenWarning, setTokenWarning] = useState(false);
  // On a phone the four selects fold under `Filters` (open while one of them is set), so the first
  // token shows on the first screen; from `sm` up they sit in the row beside the search.
  const [filtersOpen, setFiltersOpen] = useState(Boolean(view.type || view.status || view.expires || view.lastUsed));

  function go(change: Partial<ListView>) {
    navigate(`${PAGE}${searchParamsOfView({ ...view, ...change, cursor: undefined })}`);
  }

  return (
    <form
      role="search"
      aria-label="Find tokens"
      className="grid grid-cols-2 items-end gap-x-3 gap-y-2 sm:flex sm:flex-wrap"
      onSubmit={(event) => {
        event.preventDefault();
        const input = event.currentTarget.elements.namedItem("q") as HTMLInputElement;
        // A whole token pasted here would land in the address bar and the history: refuse it.
        if (looksLikeToken(input.value)) {
          input.value = "";
          setTokenWarning(true);
          return;
        }
        setTokenWarning(false);
        go({ q: input.value.trim() });
      }}
    >
      <div className="col-span-2 flex min-w-0 grow basis-52 flex-col gap-1">
        <label htmlFor="token-search" className={labelClass}>
          Search tokens
        </label>
        <div className="flex gap-2">
          <Input
            id="token-search"
            name="q"
            type="search"
            key={view.q}
            defaultValue={view.q}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder="ID, Issued To or last chars"
            aria-describedby={tokenWarning ? "token-search-warning" : undefined}
          />
          <Button type="submit">Search</Button>
          <Button
            type="button"
            className="sm:hidden"
            aria-expanded={filtersOpen}
            aria-controls="token-filter-fields"
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            Filters
          </Button>
        </div>
      </div>
      <div id="token-filter-fields" className={filtersOpen ? "contents" : "hidden sm:contents"}>
        <div className="flex flex-col gap-1">
          <label htmlFor="token-type" className={labelClass}>
            Type
          </label>
          <CommitSelect
            id="token-type"
            value={view.type ?? ""}
            onCommit={(value) => go({ type: (value || undefined) as ListView["type"] })}
          >
            <option value="">All types</option>
            <option value="connector">Connector</option>
            <option value="developer">Developer</option>
          </CommitSelect>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="token-status" className={labelClass}>
            Status
          </label>
          <CommitSelect
            id="token-status"
            value={view.status ?? ""}
            onCommit={(value) => go({ status: (value || undefined) as ListView["status"] })}
          >
            <option value="">Any status</option>
            {LIST_STATUSES.map((status) => (
              <option key={status} value={status}>
                {LIST_STATUS_LABELS[status]}
              </option>
            ))}
          </CommitSelect>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="token-expires" className={labelClass}>
            Expires
          </label>
          <CommitSelect
            id="token-expires"
            value={view.expires ?? ""}
            onCommit={(value) => go({ expires: (value || undefined) as ListView["expires"] })}
          >
            <option value="">Any time</option>
            {EXPIRES_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {EXPIRES_LABELS[filter]}
              </option>
            ))}
          </CommitSelect>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="token-last-used" className={labelClass}>
            Last used
          </label>
          <CommitSelect
            id="token-last-used"
            value={view.lastUsed ?? ""}
            onCommit={(value) => go({ lastUsed: (value || undefined) as ListView["lastUsed"] })}
          >
            <option value="">Any time</option>
            {LAST_USED_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {LAST_USED_LABELS[filter]}
              </option>
            ))}
          </CommitSelect>
        </div>
      </div>
      {tokenWarning ? (
        <p id="token-search-warning" role="alert" className="col-span-2 w-full text-sm text-red-700 dark:text-red-400">
          That looks like a whole token, so it was not searched for (it would end up in the address bar). Use Identify a token to
          look it up, or search by its last characters.
        </p>
      ) : null}
    </form>
  );
}
