import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui/badge";
import { TOKEN_STATUS_LABELS, TOKEN_TYPE_LABELS, type ListView } from "@/lib/tokens";
import { RevokeTokenButton } from "./revoke-token-button";
import { SortHeader } from "./sort-header";
import { STATUS_TONES, type TokenRow } from "./token-row";

/**
 * The tokens of one page, each rendered once: a table row on a wide list, a card on a narrow one (the
 * tl-* classes in globals.css). The explicit roles keep the table's semantics when CSS changes its display.
 */
export function TokenList({ rows, view, canManage }: { rows: TokenRow[]; view: ListView; canManage: boolean }) {
  return (
    <div className="@container">
      <table role="table" aria-label="Tokens" className="tl">
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
            {canManage ? (
              <th role="columnheader" scope="col" className="tl-th">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody role="rowgroup" className="tl-body">
          {rows.map((row) => (
            <tr role="row" key={row.publicId} className="tl-row">
              <td role="cell" className="tl-cell tl-wide">
                <Link href={`/settings/service-tokens/${row.publicId}`} className="font-mono font-medium text-accent-text hover:underline">
                  {row.publicId}
                </Link>
                <span className="tl-muted font-mono">{row.hint}</span>
              </td>
              <td role="cell" data-label="Issued To" className="tl-cell tl-wide break-words">
                <span className="block font-medium">{row.issuedTo}</span>
                <span className="tl-muted">by {row.createdByName}</span>
              </td>
              <td role="cell" data-label="Type" className="tl-cell">
                {TOKEN_TYPE_LABELS[row.type]}
              </td>
              <td role="cell" data-label="Created At" className="tl-cell">
                <LocalTime iso={row.createdAt} stacked />
              </td>
              <td role="cell" data-label="Expiration" className="tl-cell">
                <LocalTime iso={row.expiresAt} stacked />
              </td>
              <td role="cell" data-label="Status" className="tl-cell">
                <Badge tone={STATUS_TONES[row.status]}>{TOKEN_STATUS_LABELS[row.status]}</Badge>
                {row.revokedAt ? (
                  <span className="tl-muted mt-1">
                    <LocalTime iso={row.revokedAt} />
                    {row.revokedByName ? <span className="block">by {row.revokedByName}</span> : null}
                  </span>
                ) : null}
              </td>
              <td role="cell" data-label="Last used" className="tl-cell">
                {row.lastUsedAt ? (
                  <>
                    <LocalTime iso={row.lastUsedAt} stacked />
                    {row.lastUsedIp ? <span className="tl-muted font-mono">from {row.lastUsedIp}</span> : null}
                  </>
                ) : (
                  "Never"
                )}
              </td>
              {canManage ? (
                <td role="cell" className="tl-cell col-span-2 text-right">
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
