"use client";

import { useState } from "react";
import { LocalTime } from "@/components/local-time";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Notice } from "@/components/ui/notice";
import { useFocusAfterClose } from "@/components/ui/use-focus-after-close";
import { useActionSubmit } from "@/components/use-action-submit";
import { revokeServiceTokenAction } from "../actions";
import { NO_REASON, RevokeReasonField, type RevokeReasonValue } from "./lifecycle/revoke-reason-field";

export type RevokeTarget = { publicId: string; issuedTo: string; lastUsedAt: string | null };

type Props = {
  token: RevokeTarget;
  /** id of the element (with tabIndex -1) that takes focus after a revoke: the button itself goes away. */
  focusAfterRevoke: string;
  onRevoked?: () => void;
};

/**
 * The confirmation of a token's Revoke, mounted open by RevokeTokenButton; it closes only once the
 * revoke succeeded.
 */
export function RevokeTokenDialog({ token, focusAfterRevoke, onRevoked }: Props) {
  const [open, setOpen] = useState(true);
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
  const [why, setWhy] = useState<RevokeReasonValue>(NO_REASON);
  // The dialog hands focus back to the Revoke button, which the refreshed page then removes: once the
  // dialog has closed, focus moves on to a stable place.
  const focusAfterClose = useFocusAfterClose(open, focusAfterRevoke);

  function confirm() {
    callAction(
      () =>
        revokeServiceTokenAction({
          publicId: token.publicId,
          reason: why.reason,
          reasonText: why.reasonText,
        }),
      () => {
        focusAfterClose();
        setOpen(false);
        onRevoked?.();
      },
    );
  }

  return (
    <AlertDialog
      open={open}
      title="Revoke service token?"
      tone="danger"
      confirmLabel="OK"
      cancelLabel="Cancel"
      pending={pending}
      onCancel={() => setOpen(false)}
      onConfirm={confirm}
      body={
        <RevokeReasonField
          idPrefix={`revoke-${token.publicId}`}
          value={why}
          onChange={setWhy}
          errors={fieldErrors}
          disabled={pending}
        />
      }
    >
      <span className="flex flex-col gap-3">
        <span>A revoked service token cannot be recovered. Any service that uses it loses access immediately.</span>
        <span className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-[13px] dark:border-zinc-800 dark:bg-zinc-950">
          <span className="text-zinc-500 dark:text-zinc-400">ID</span>
          <span className="font-mono">{token.publicId}</span>
          <span className="text-zinc-500 dark:text-zinc-400">Issued To</span>
          <span className="break-words">{token.issuedTo}</span>
          <span className="text-zinc-500 dark:text-zinc-400">Last used</span>
          <span>{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt} /> : "Never"}</span>
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
