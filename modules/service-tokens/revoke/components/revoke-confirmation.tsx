"use client";

import { useState, type ReactNode } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Notice } from "@/components/ui/notice";
import { useFocusAfterClose } from "@/components/ui/use-focus-after-close";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import type { ActionResult } from "@/lib/action-result";
import { NO_REASON, RevokeReasonField, type RevokeReasonValue } from "./revoke-reason-field";
import { consoleUnreachable } from "@/components/ui/unreachable";

type Props = {
  title: string;
  /** What revoking does, first in the message. */
  warning: string;
  /** What is revoked, under the warning. */
  subject: ReactNode;
  /** Unique per dialog (ids of the Reason field). */
  idPrefix: string;
  /** id of the element (with tabIndex -1) that takes focus after a revoke: the button that opened this goes away. */
  focusAfterRevoke: string;
  revoke: (why: RevokeReasonValue) => Promise<ActionResult<unknown>>;
  onRevoked?: () => void;
};

/**
 * The confirmation of a revoke (Revoke, Revoke selected), mounted open: OK → Cancel, a Reason, and an
 * error above the Reason when the revoke failed. It closes only once the revoke succeeded.
 */
export function RevokeConfirmation({ title, warning, subject, idPrefix, focusAfterRevoke, revoke, onRevoked }: Props) {
  const [open, setOpen] = useState(true);
  const [why, setWhy] = useState<RevokeReasonValue>(NO_REASON);
  // The dialog hands focus back to the button that opened it, which the refreshed page then removes or
  // disables: once the dialog has closed, focus moves on to a stable place.
  const focusAfterClose = useFocusAfterClose(open, focusAfterRevoke);
  // The Reason field shows its own errors; anything else is said above it.
  const {
    fieldErrors,
    message: error,
    pending,
    submit,
  } = useActionSubmit({
    unreachable: consoleUnreachable("nothing was changed"),
    fields: ["reasonText"],
  });

  function confirm() {
    submit(
      () => revoke(why),
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
      title={title}
      tone="danger"
      confirmLabel="OK"
      cancelLabel="Cancel"
      pending={pending}
      onCancel={() => setOpen(false)}
      onConfirm={confirm}
      body={<RevokeReasonField idPrefix={idPrefix} value={why} onChange={setWhy} errors={fieldErrors} disabled={pending} />}
    >
      <span className="flex flex-col gap-3">
        <span>{warning}</span>
        {subject}
        {error ? (
          <Notice tone="danger" role="alert">
            {error}
          </Notice>
        ) : null}
      </span>
    </AlertDialog>
  );
}
