"use client";

import { useState } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Notice } from "@/components/ui/notice";
import { useFocusAfterClose } from "@/components/ui/use-focus-after-close";
import { useActionSubmit } from "@/components/use-action-submit";
import { bulkRevokeServiceTokensAction } from "../../lifecycle-actions";
import { NO_REASON, RevokeReasonField, type RevokeReasonValue } from "./revoke-reason-field";

/** How many IDs the confirmation names before "and N more". */
const NAMED = 5;

/**
 * The confirmation of `Revoke selected`, mounted open by BulkSelection (loaded on demand). `ids` are the
 * selected tokens in the page's order; `onRevoked` clears the selection.
 */
export function BulkRevokeDialog({ ids, onRevoked }: { ids: string[]; onRevoked: () => void }) {
  const [open, setOpen] = useState(true);
  const [why, setWhy] = useState<RevokeReasonValue>(NO_REASON);
  // "Revoke selected" is disabled once nothing is selected: focus goes to the list's count instead.
  const focusAfterClose = useFocusAfterClose(open, "token-list-summary");
  // The Reason field shows its own errors; anything else is said above it.
  const {
    fieldErrors,
    message: error,
    pending,
    submit: callAction,
  } = useActionSubmit({
    unreachable: "The console could not be reached. Nothing was changed; try again.",
    fields: ["reasonText"],
  });

  function confirm() {
    callAction(
      () => bulkRevokeServiceTokensAction({ publicIds: ids, reason: why.reason, reasonText: why.reasonText }),
      () => {
        focusAfterClose();
        setOpen(false);
        onRevoked();
      },
    );
  }

  const named = ids.slice(0, NAMED).join(", ");
  const more = ids.length - NAMED;

  return (
    <AlertDialog
      open={open}
      title={ids.length === 1 ? "Revoke 1 service token?" : `Revoke ${ids.length} service tokens?`}
      tone="danger"
      confirmLabel="OK"
      cancelLabel="Cancel"
      pending={pending}
      onCancel={() => setOpen(false)}
      onConfirm={confirm}
      body={<RevokeReasonField idPrefix="bulk-revoke" value={why} onChange={setWhy} errors={fieldErrors} disabled={pending} />}
    >
      <span className="flex flex-col gap-3">
        <span>A revoked service token cannot be recovered. Any service that uses one of these loses access immediately.</span>
        <span className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[13px] break-words dark:border-zinc-800 dark:bg-zinc-950">
          {named}
          {more > 0 ? <span className="font-sans"> and {more} more</span> : null}
        </span>
        {error ? (
          <Notice tone="danger" role="alert">
            {error}
          </Notice>
        ) : null}
      </span>
    </AlertDialog>
  );
}
