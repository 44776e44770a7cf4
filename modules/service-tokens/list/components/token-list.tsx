"use client";

import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge } from "@/components/ui/badge";
import { TOKEN_STATUS_LABELS } from "@/lib/tokens/status";
import { TOKEN_TYPE_LABELS } from "@/lib/tokens/format";
import { LIST_SORT_LABELS, searchParamsOfView, type ListView } from "@/lib/tokens/list-view";
import { BulkSelection, SelectToken } from "../../revoke/components/bulk-selection";
import { RotateProvider, RotateTokenButton } from "../../rotate/components/rotate-token-button";
import { RevokeTokenButton } from "../../revoke/components/revoke-token-button";
import { SortHeader } from "./sort-header";
import { STATUS_TONES } from "../../components/status-tones";
import type { TokenRow } from "../../components/token-row";

/**
 * The tokens of one page, each rendered once: a table row on a wide list, a card on a narrow one (the
 * tl-* classes in globals.css). The explicit roles keep the table's semantics when CSS changes its display.
 * For administrators the Rotate dialog and the page's selection live above the rows, so a row that goes
 * away (rotated "Immediately", revoked) takes neither the one-time token nor an open confirmation along.
 *
 * A client component on purpose: the page sends the rows as data (a few hundred bytes each) and the
 * rows are rendered from it, in the HTML and on hydration. Rendered on the server, every row's markup
 * would travel twice, as HTML and again as the RSC payload's element tree.
 */
export function TokenList({ rows, view, canManage }: { rows: TokenRow[]; view: ListView; canManage: boolean }) {
  if (!canManage) return <Rows rows={rows} view={view} canManage={false} />;
  const selectable = rows.filter((r) => !r.revokedAt).map((r) => r.publicId);
  return (
    <RotateProvider focusAfterClose="token-list-summary">
      {/* Keyed by the view and its tokens: a new page (paging, search, filters, a revoke) starts an empty selection. */}
      <BulkSelection key={`${searchParamsOfView(view)}|${selectable.join(",")}`} selectable={selectable}>
        <Rows rows={rows} view={view} canManage />
      </BulkSelection>
    </RotateProvider>
  );
}

function Rows({ rows, view, canManage }: { rows: TokenRow[]; view: ListView; canManage: boolean }) {
  // The bars compare the tokens of this page: the busiest one's bar is full.
  const busiest = Math.max(0, ...rows.map((r) => r.requests7d));
  return (
    <div className="@container">
      <table role="table" aria-label="Tokens" className="tl">
        <caption className="sr-only">
          Tokens, {LIST_SORT_LABELS[view.sort]} {view.order === "asc" ? "ascending" : "descending"}
        </caption>
        <thead role="rowgroup" className="tl-head">
          <tr role="row" className="tl-hrow">
            <th role="columnheader" scope="col" className="tl-th">
              ID
            </th>
            <SortHeader sort="issued_to" view={view} />
            <th role="columnheader" scope="col" className="tl-th">
              Type
            </th>
            <SortHeader sort="created_at" view={view} />
            <SortHeader sort="expires_at" view={view} />
            <th role="columnheader" scope="col" className="tl-th">
              Status
            </th>
            <SortHeader sort="last_used_at" view={view} />
            <SortHeader sort="requests_7d" view={view} />
            {canManage ? (
              <th role="columnheader" scope="col" className="tl-th">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody role="rowgroup" className="tl-body">
          {rows.map((row) => (
            <Row key={row.publicId} row={row} canManage={canManage} busiest={busiest} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One token. Its markup repeats up to 100 times a page: short named classes (globals.css), no wrappers to spare. */
function Row({ row, canManage, busiest }: { row: TokenRow; canManage: boolean; busiest: number }) {
  return (
    <tr role="row" className="tl-row">
      <td role="cell" className="tl-cell tl-wide">
        <span className="tl-id">
          {canManage && !row.revokedAt ? <SelectToken publicId={row.publicId} /> : null}
          <Link href={`/settings/service-tokens/${row.publicId}`} className="tl-link">
            {row.publicId}
          </Link>
        </span>
        <span className="tl-muted tl-card-only font-mono">{row.hint}</span>
      </td>
      <td role="cell" data-label="Issued To" className="tl-cell tl-wide tl-name">
        <span id={`issued-to-${row.publicId}`} dir="auto" className="font-medium">
          <Words text={row.issuedTo} />
        </span>
        {row.description ? (
          <span dir="auto" className="tl-muted tl-card-only line-clamp-2">
            {row.description}
          </span>
        ) : null}
        <span className="tl-muted tl-card-only">by {row.createdByName}</span>
      </td>
      <td role="cell" data-label="Type" className="tl-cell">
        {TOKEN_TYPE_LABELS[row.type]}
      </td>
      <td role="cell" data-label="Created At" className="tl-cell">
        <LocalTime iso={row.createdAt} stacked />
      </td>
      <td role="cell" data-label="Expiration" className="tl-cell">
        <RelativeTime iso={row.expiresAt} />
      </td>
      <td role="cell" data-label="Status" className="tl-cell">
        <Badge tone={STATUS_TONES[row.status]}>{TOKEN_STATUS_LABELS[row.status]}</Badge>
        {row.revokedAt ? (
          <span className="tl-muted mt-1">
            <LocalTime iso={row.revokedAt} />
            {row.revokedByName ? <span className="block">by {row.revokedByName}</span> : null}
            {row.revokeReason ? <span className="block">{row.revokeReason}</span> : null}
          </span>
        ) : row.replacedByPublicId && row.status !== "expired" ? (
          <span className="tl-muted mt-1">Rotating</span>
        ) : null}
        {row.overPolicy ? (
          <span className="tl-muted mt-1 text-amber-800 dark:text-amber-300">Lives longer than the policy allows</span>
        ) : null}
        {row.unusedRevocationAt ? (
          <span className="tl-muted mt-1 text-amber-800 dark:text-amber-300">
            Unused: revoked <LocalTime iso={row.unusedRevocationAt} />
          </span>
        ) : null}
      </td>
      <td role="cell" data-label="Last used" className="tl-cell">
        {row.lastUsedAt ? (
          <>
            <RelativeTime iso={row.lastUsedAt} />
            {/* In the table "from" is only read out: under the time an address needs no word, which would cost the column width. */}
            {row.lastUsedIp ? (
              <span className="tl-address font-mono">
                <span className="@4xl:sr-only">from </span>
                {row.lastUsedIp}
              </span>
            ) : null}
          </>
        ) : (
          "Never"
        )}
      </td>
      <td role="cell" data-label="Requests (7 days)" className="tl-cell">
        <RequestsBar requests={row.requests7d} busiest={busiest} />
      </td>
      {canManage ? (
        <td role="cell" className="tl-cell tl-actions">
          {row.revokedAt ? null : (
            <span>
              {/* A token being rotated cannot be rotated again (the server refuses it): no Rotate on its row. */}
              {row.status === "expired" || row.replacedByPublicId ? null : (
                <RotateTokenButton
                  token={{ publicId: row.publicId, type: row.type, issuedTo: row.issuedTo }}
                  describedBy={`issued-to-${row.publicId}`}
                />
              )}
              <RevokeTokenButton
                token={{ publicId: row.publicId, issuedTo: row.issuedTo, lastUsedAt: row.lastUsedAt }}
                focusAfterRevoke="token-list-summary"
                describedBy={`issued-to-${row.publicId}`}
              />
            </span>
          )}
        </td>
      ) : null}
    </tr>
  );
}

/**
 * A name that wraps between words only: a browser also breaks after a hyphen or a slash
 * ("billing-/exporter"), so such a word is kept whole (.tl-word); the table's column is never narrower
 * than its longest word. Words without those characters need no element of their own.
 */
function Words({ text }: { text: string }) {
  if (!/[-/\u2010]/.test(text)) return text;
  return text.split(/(\s+)/).map((part, i) =>
    /[-/\u2010]/.test(part) ? (
      <span key={i} className="tl-word">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/** The number as text, with a small bar beside it (relative to the page's busiest token) for the eye only. */
function RequestsBar({ requests, busiest }: { requests: number; busiest: number }) {
  const width = busiest > 0 ? Math.max(requests > 0 ? 4 : 0, Math.round((requests / busiest) * 100)) : 0;
  return (
    <span className="tl-requests">
      <svg aria-hidden="true" viewBox="0 0 100 6" preserveAspectRatio="none" className="tl-bar">
        <rect width="100" height="6" rx="3" className="fill-zinc-200 dark:fill-zinc-700" />
        {width > 0 ? <rect width={width} height="6" rx="3" className="fill-accent" /> : null}
      </svg>
      {requests.toLocaleString("en-US")}
    </span>
  );
}
