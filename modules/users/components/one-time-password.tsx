"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { Notice } from "@/components/ui/notice";
import { CloseQuestion, SecretStepFooter, useLeaveWarning, type SecretStepState } from "@/components/ui/secret-step";

/**
 * A generated password (Add user, Reset password), shown once like a token: it is not stored in plain
 * text, so Done, Escape and an outside click ask first until a Copy has succeeded.
 */
export function OneTimePasswordDialog({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  const [state, setState] = useState<SecretStepState>({ copied: false, confirmingClose: false });
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  useLeaveWarning(true);

  async function copyPassword() {
    try {
      await navigator.clipboard.writeText(password);
      setCopy("copied");
      setState((s) => ({ ...s, copied: true }));
    } catch {
      setCopy("failed");
    }
  }

  return (
    <Dialog
      open
      title={`Password for ${username}`}
      onRequestClose={() => setState((s) => ({ ...s, confirmingClose: true }))}
      footer={<SecretStepFooter state={state} onChange={setState} onClose={onClose} />}
    >
      <div className="flex flex-col gap-4">
        <Notice tone="warning" title="Copy it now">
          The console does not store this password. Give it to {username} through a safe channel; they can change it with Change
          password after signing in.
        </Notice>
        <Field label="Password" htmlFor="one-time-password">
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input
              id="one-time-password"
              readOnly
              value={password}
              autoFocus
              spellCheck={false}
              autoComplete="off"
              onFocus={(event) => event.currentTarget.select()}
              className="font-mono text-[13px]"
            />
            <Button variant="primary" onClick={copyPassword}>
              {copy === "copied" ? <CheckIcon /> : <CopyIcon />}
              Copy
            </Button>
          </div>
        </Field>
        <p role="status" aria-live="polite" className="min-h-5 text-sm">
          {copy === "copied"
            ? "Copied to the clipboard."
            : copy === "failed"
              ? "Could not copy: select the password and copy it by hand."
              : ""}
        </p>
        <CloseQuestion state={state} secret="password" />
      </div>
    </Dialog>
  );
}
