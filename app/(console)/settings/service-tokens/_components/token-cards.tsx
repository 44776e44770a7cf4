import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui/badge";
import { TOKEN_STATUS_LABELS, TOKEN_TYPE_LABELS } from "@/lib/tokens";
import { RevokeTokenButton } from "./revoke-token-button";
import { RotateTokenDialog } from "./rotate-token-dialog";
import { STATUS_TONES, type TokenRow } from "./token-row";

const term = "text-zinc-500 dark:text-zinc-400";

/** Narrow screens: one card per token instead of a table that would scroll sideways. */
export function TokenCards({ rows, canManage }: { rows: TokenRow[]; canManage: boolean }) {
  return (
    <ul aria-label="Tokens" className="grid gap-3 @xl:grid-cols-2 @4xl:hidden">
      {rows.map((row) => (
        <li
          key={row.publicId}
          className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-medium break-words">{row.issuedTo}</p>
              <p className={`font-mono text-xs ${term}`}>
                <span className="whitespace-nowrap">{row.publicId}</span>{" "}
                <span className="whitespace-nowrap">· {row.hint}</span>
              </p>
            </div>
            <Badge tone={STATUS_TONES[row.status]}>{TOKEN_STATUS_LABELS[row.status]}</Badge>
          </div>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className={term}>Type</dt>
            <dd>{TOKEN_TYPE_LABELS[row.type]}</dd>
            <dt className={term}>Created At</dt>
            <dd>
              <LocalTime iso={row.createdAt} />
            </dd>
            <dt className={term}>Expiration</dt>
            <dd>
              <LocalTime iso={row.expiresAt} />
            </dd>
            <dt className={term}>Last used</dt>
            <dd>{row.lastUsedAt ? <LocalTime iso={row.lastUsedAt} /> : "Never"}</dd>
            {row.revokedAt ? (
              <>
                <dt className={term}>Revoked</dt>
                <dd>
                  <LocalTime iso={row.revokedAt} />
                  {row.revokedByName ? ` by ${row.revokedByName}` : ""}
                </dd>
              </>
            ) : null}
          </dl>
          {canManage && !row.revokedAt ? (
            <div className="mt-3 flex justify-end gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">
              <RotateTokenDialog token={{ publicId: row.publicId, type: row.type, issuedTo: row.issuedTo }} canStart={row.status !== "expired"} />
              <RevokeTokenButton token={{ publicId: row.publicId, issuedTo: row.issuedTo, lastUsedAt: row.lastUsedAt }} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
