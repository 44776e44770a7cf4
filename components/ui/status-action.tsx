"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { StatusLine, type FormStatus } from "@/components/ui/use-settings-save";
import { consoleUnreachable } from "@/components/ui/unreachable";

/**
 * A button beside a settings form's Save that runs one action (Send test email, Check now, Test
 * connection) and says its outcome on a status line of its own.
 */
export function useStatusAction(unreachable = consoleUnreachable()) {
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();

  /** Runs `action` in a transition and shows the status it returns; `unreachable` when it throws. */
  function run(action: () => Promise<FormStatus>) {
    setStatus(null);
    startTransition(async () => {
      try {
        setStatus(await action());
      } catch {
        setStatus({ tone: "error", text: unreachable });
      }
    });
  }

  return { status, setStatus, pending, run };
}

/** Save, the button of one more action beside it, and a status line for each. */
export function SaveWithAction({
  ready,
  saving,
  saveStatus,
  action,
  label,
  busyLabel,
  onAction,
}: {
  /** Hydrated: before, a click would submit the form the browser's way. */
  ready: boolean;
  saving: boolean;
  saveStatus: FormStatus;
  action: ReturnType<typeof useStatusAction>;
  label: string;
  busyLabel: string;
  onAction: () => void;
}) {
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={!ready || saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button disabled={!ready || action.pending} onClick={onAction}>
          {action.pending ? busyLabel : label}
        </Button>
      </div>
      <StatusLine status={saveStatus} />
      <StatusLine status={action.status} />
    </div>
  );
}
