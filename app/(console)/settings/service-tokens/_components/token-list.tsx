import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui/badge";
import { TOKEN_STATUS_LABELS, TOKEN_TYPE_LABELS, type ListView } from "@/lib/tokens";
import { RevokeTokenButton } from "./revoke-token-button";
import { SortHeader } from "./sort-header";
import { STATUS_TONES, type TokenRow } from "./token-row";

const muted = "text-xs text-zinc-500 dark:text-zinc-400";
// Below ~900px of list width each row is a card; above, a table. One set of elements either way (the
// explicit roles keep the table's semantics when CSS changes its display).
// On cards each value is labelled by its column name through CSS (data-label), so the cell's text stays
// just the value.
const cell =
  "block before:block before:text-xs before:text-zinc-500 before:content-[attr(data-label)] dark:before:text-zinc-400 " +
  "@4xl:table-cell @4xl:px-3 @4xl:py-3 @4xl:first:pl-4 @4xl:last:pr-4 @4xl:align-middle @4xl:before:content-none";
const plainHeader = "sr-only @4xl:not-sr-only @4xl:table-cell @4xl:px-3 @4xl:py-2.5 @4xl:first:pl-4 text-left text-xs font-medium whitespace-nowrap text-zinc-500 dark:text-zinc-400";

export function TokenList({ rows, view, canManage }: { rows: TokenRow[]; view: ListView; canManage: boolean }) {
  return (
    <div className="@container">
      <table
        role="table"
        aria-label="Tokens"
        className="block w-full text-left text-sm @4xl:table @4xl:border-collapse @4xl:rounded-lg @4xl:border @4xl:border-zinc-200 @4xl:bg-white dark:@4xl:border-zinc-800 dark:@4xl:bg-zinc-900"
      >
        <thead role="rowgroup" className="block @4xl:table-header-group @4xl:border-b @4xl:border-zinc-200 @4xl:bg-zinc-50 dark:@4xl:border-zinc-800 dark:@4xl:bg-zinc-900/60">
          <tr role="row" className="mb-3 flex flex-wrap items-center gap-2 @4xl:mb-0 @4xl:table-row">
            <th role="columnheader" scope="col" className={plainHeader}>
              ID
            </th>
            <SortHeader sort="issued_to" view={view} />
            <th role="columnheader" scope="col" className={plainHeader}>
              Type
            </th>
            <SortHeader sort="created_at" view={view} />
            <SortHeader sort="expires_at" view={view} />
            <th role="columnheader" scope="col" className={plainHeader}>
              Status
            </th>
            <SortHeader sort="last_used_at" view={view} />
            {canManage ? (
              <th role="columnheader" scope="col" className={plainHeader}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody role="rowgroup" className="grid gap-3 @xl:grid-cols-2 @4xl:table-row-group @4xl:divide-y @4xl:divide-zinc-200 dark:@4xl:divide-zinc-800">
          {rows.map((row) => (
            <tr
              role="row"
              key={row.publicId}
              className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 @4xl:table-row @4xl:rounded-none @4xl:border-0 @4xl:bg-transparent @4xl:p-0 @4xl:hover:bg-zinc-50 dark:@4xl:bg-transparent dark:@4xl:hover:bg-zinc-800/40"
            >
              <td role="cell" className={`${cell} col-span-2`}>
                <Link
                  href={`/settings/service-tokens/${row.publicId}`}
                  className="font-mono text-[13px] font-medium whitespace-nowrap text-accent-text underline-offset-2 hover:underline"
                >
                  {row.publicId}
                </Link>
                <span className={`block font-mono whitespace-nowrap ${muted}`} title="Prefix and last four characters of the token">
                  {row.hint}
                </span>
              </td>
              <td role="cell" data-label="Issued To" className={`${cell} col-span-2 @4xl:max-w-56 @4xl:min-w-36`}>
                <span className="block font-medium break-words text-zinc-900 dark:text-zinc-100">{row.issuedTo}</span>
                <span className={`block ${muted}`}>by {row.createdByName}</span>
              </td>
              <td role="cell" data-label="Type" className={cell}>
                {TOKEN_TYPE_LABELS[row.type]}
              </td>
              <td role="cell" data-label="Created At" className={`${cell} whitespace-nowrap`}>
                <LocalTime iso={row.createdAt} stacked />
              </td>
              <td role="cell" data-label="Expiration" className={`${cell} whitespace-nowrap`}>
                <LocalTime iso={row.expiresAt} stacked />
              </td>
              <td role="cell" data-label="Status" className={cell}>
                <Badge tone={STATUS_TONES[row.status]}>{TOKEN_STATUS_LABELS[row.status]}</Badge>
                {row.revokedAt ? (
                  <span className={`mt-1 block ${muted}`}>
                    <LocalTime iso={row.revokedAt} />
                    {row.revokedByName ? <span className="block">by {row.revokedByName}</span> : null}
                  </span>
                ) : null}
              </td>
              <td role="cell" data-label="Last used" className={`${cell} whitespace-nowrap`}>
                {row.lastUsedAt ? (
                  <>
                    <LocalTime iso={row.lastUsedAt} stacked />
                    {row.lastUsedIp ? <span className={`block font-mono ${muted}`}>from {row.lastUsedIp}</span> : null}
                  </>
                ) : (
                  <span className="text-zinc-500 dark:text-zinc-400">Never</span>
                )}
              </td>
              {canManage ? (
                <td role="cell" className={`${cell} col-span-2 text-right`}>
                  {row.revokedAt ? null : (
                    <RevokeTokenButton
                      token={{ publicId: row.publicId, issuedTo: row.issuedTo, lastUsedAt: row.lastUsedAt }}
                      focusAfterRevoke="token-list-summary"
                    />
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
