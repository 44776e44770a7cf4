"use client";

import { bulkRevokeServiceTokensAction } from "../actions";
import { RevokeConfirmation } from "./revoke-confirmation";

/** How many IDs the confirmation names before "and N more". */
const NAMED = 5;

/**
 * The confirmation of `Revoke selected`, mounted open by BulkSelection (loaded on demand). `ids` are the
 * selected tokens in the page's order; `onRevoked` clears the selection.
 */
export function BulkRevokeDialog({ ids, onRevoked }: { ids: string[]; onRevoked: () => void }) {
  const more = ids.length - NAMED;
  return (
    <RevokeConfirmation
      title={ids.length === 1 ? "Revoke 1 service token?" : `Revoke ${ids.length} service tokens?`}
      warning="A revoked service token cannot be recovered. Any service that uses one of these loses access immediately."
      subject={
        <span className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] break-words dark:border-zinc-800 dark:bg-zinc-950">
          {ids.slice(0, NAMED).join(", ")}
          {more > 0 ? <span className="font-sans"> and {more} more</span> : null}
        </span>
      }
      idPrefix="bulk-revoke"
      // "Revoke selected" is disabled once nothing is selected: focus goes to the list's count instead.
      focusAfterRevoke="token-list-summary"
      revoke={(why) => bulkRevokeServiceTokensAction({ publicIds: ids, reason: why.reason, reasonText: why.reasonText })}
      onRevoked={onRevoked}
    />
  );
}
