"use client";

import { CommitSelect } from "@/components/ui/commit-select";
import { PAGE_SIZES, searchParamsOfView, type ListView } from "@/lib/tokens/list-view";
import { useListNavigation } from "./list-navigation";

const PAGE = "/settings/service-tokens";

/**
 * Tokens per page, beside the results' count (not among the filters: it changes how many rows show, not
 * which, and the search box gets its width). A change starts again on the first page.
 */
export function PerPageSelect({ view }: { view: ListView }) {
  const navigate = useListNavigation();
  return (
    <label className="inline-flex items-center gap-2 text-sm whitespace-nowrap text-zinc-700 dark:text-zinc-300">
      Per page
      <CommitSelect
        id="token-per-page"
        value={String(view.perPage)}
        onCommit={(value) => navigate(`${PAGE}${searchParamsOfView({ ...view, perPage: Number(value), cursor: undefined })}`)}
      >
        {PAGE_SIZES.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </CommitSelect>
    </label>
  );
}
