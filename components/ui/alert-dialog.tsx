"use client";

import { useRef, type ReactNode } from "react";
import { Button, PendingButton } from "./button";
import { Dialog } from "./dialog";

export type AlertDialogProps = {
  open: boolean;
  title: string;
  /** The message; it is also the dialog's accessible description. */
  children: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** While pending nothing closes and both buttons are disabled. */
  pending?: boolean;
  tone?: "danger" | "default";
  /** Controls below the message (e.g. a reason to choose); not part of the accessible description. */
  body?: ReactNode;
};

/** Confirmation (role="alertdialog"). Focus starts on Cancel: the safe choice for destructive actions. */
export function AlertDialog({
  open,
  title,
  children,
  confirmLabel = "OK",
  cancelLabel = "Cancel",
  onConfirm,
  onCancel,
  pending = false,
  tone = "default",
  body,
}: AlertDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);

  return (
    <Dialog
      open={open}
      role="alertdialog"
      title={title}
      description={children}
      initialFocusRef={cancelRef}
      onRequestClose={() => {
        if (!pending) onCancel();
      }}
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" disabled={pending} onClick={onCancel}>
            {cancelLabel}
          </Button>
          <PendingButton variant={tone === "danger" ? "danger" : "primary"} pending={pending} onClick={onConfirm}>
            {confirmLabel}
          </PendingButton>
        </>
      }
    >
      {body}
    </Dialog>
  );
}
