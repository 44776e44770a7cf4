import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { TOKEN_STATUS_LABELS, TOKEN_TYPE_LABELS } from "@/lib/tokens";
import { RevokeTokenButton } from "./revoke-token-button";
import { RotateTokenDialog } from "./rotate-token-dialog";
import { TokenCards } from "./token-cards";
import { STATUS_TONES, type TokenRow } from "./token-row";

const muted = "text-xs text-zinc-500 dark:text-zinc-400";

export function TokenTable({ rows, canManage, showRevoked }: { rows: TokenRow[]; canManage: boolean; showRevoked: boolean }) {
  if (rows.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<KeyIcon className="size-5" />}
          title={showRevoked ? "No tokens yet" : "No active tokens"}
          description={
            canManage
              ? "Create a token for each service that calls the console's API, such as a connector uploading files."
              : "When an administrator creates service tokens, they are listed here."
          }
        />
      </Card>
    );
  }
  return (
    // The table needs ~900px; below that (a phone, a narrow window, a laptop with the pane open) each
    // token is a card. A container query, so the choice follows the space the list really has.
    <div className="@container">
    <TokenCards rows={rows} canManage={canManage} />
    <Table aria-label="Tokens" containerClassName="hidden @4xl:block">
      <THead>
        <TR>
          <TH>ID</TH>
          <TH>Issued To</TH>
          <TH>Type</TH>
          <TH>Created At</TH>
          <TH>Expiration</TH>
          <TH>Status</TH>
          <TH>Last used</TH>
          {canManage ? (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          ) : null}
        </TR>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.publicId}>
            <TD>
              <span className="font-mono text-[13px] whitespace-nowrap">{row.publicId}</span>
              <span className={`block font-mono whitespace-nowrap ${muted}`} title="Prefix and last four characters of the token">
                {row.hint}
              </span>
            </TD>
            <TD className="max-w-56 min-w-36">
              <span className="block font-medium break-words">
                {row.issuedTo}
              </span>
              <span className={`block ${muted}`}>by {row.createdByName}</span>
            </TD>
            <TD>{TOKEN_TYPE_LABELS[row.type]}</TD>
            <TD className="whitespace-nowrap">
              <LocalTime iso={row.createdAt} stacked />
            </TD>
            <TD className="whitespace-nowrap">
              <LocalTime iso={row.expiresAt} stacked />
            </TD>
            <TD>
              <Badge tone={STATUS_TONES[row.status]}>{TOKEN_STATUS_LABELS[row.status]}</Badge>
              {row.revokedAt ? (
                <span className={`mt-1 block whitespace-nowrap ${muted}`}>
                  <LocalTime iso={row.revokedAt} />
                  {row.revokedByName ? <span className="block">by {row.revokedByName}</span> : null}
                </span>
              ) : null}
            </TD>
            <TD className="whitespace-nowrap">
              {row.lastUsedAt ? (
                <>
                  <LocalTime iso={row.lastUsedAt} stacked />
                  {row.lastUsedIp ? <span className={`block font-mono ${muted}`}>from {row.lastUsedIp}</span> : null}
                </>
              ) : (
                <span className="text-zinc-500 dark:text-zinc-400">Never</span>
              )}
            </TD>
            {canManage ? (
              <TD className="text-right">
                {row.revokedAt ? null : (
                  <span className="flex flex-col items-end gap-1.5">
                    <RotateTokenDialog token={{ publicId: row.publicId, type: row.type, issuedTo: row.issuedTo }} canStart={row.status !== "expired"} />
                    <RevokeTokenButton
                      token={{ publicId: row.publicId, issuedTo: row.issuedTo, lastUsedAt: row.lastUsedAt }}
                    />
                  </span>
                )}
              </TD>
            ) : null}
          </TR>
        ))}
      </TBody>
    </Table>
    </div>
  );
}
