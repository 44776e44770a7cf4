"use client";

import { useEffect, useState, useTransition } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RowMenu } from "@/components/ui/row-menu";
import { cn } from "@/components/ui/cn";
import { Field, Select } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useFocusAfterClose } from "@/components/ui/use-focus-after-close";
import type { ActionResult } from "@/lib/action-result";
import { changeRoleAction, disableUserAction, enableUserAction, resetPasswordAction, signOutEverywhereAction } from "../actions";
import { USER_ROLE_LABELS } from "@/modules/users/shared/user-schema";
import { OneTimePasswordDialog } from "./one-time-password";
import { consoleUnreachable } from "@/components/ui/unreachable";

type Target = { id: string; username: string; role: "ADMIN" | "VIEWER"; local: boolean; disabled: boolean; self: boolean };
type Confirm = "reset" | "disable" | "enable" | "signout";

const CONFIRM: Record<Confirm, { title: string; label: string; tone: "danger" | "default"; text: (u: string) => string }> = {
  reset: {
    title: "Reset password?",
    label: "Reset password",
    tone: "danger",
    text: (u) => `${u} gets a new generated password, shown once; their old password stops working and their sessions end.`,
  },
  disable: {
    title: "Disable user?",
    label: "Disable",
    tone: "danger",
    text: (u) => `${u} is signed out everywhere and cannot sign in until enabled again.`,
  },
  enable: { title: "Enable user?", label: "Enable", tone: "default", text: (u) => `${u} can sign in again.` },
  signout: {
    title: "Sign out everywhere?",
    label: "Sign out everywhere",
    tone: "danger",
    text: (u) => `Every session of ${u} ends at its next request, on every browser.`,
  },
};

/** A user's row actions, each named with the username for screen readers. */
export function UserActions({ target }: { target: Target }) {
  const ready = useHydrated();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [changingRole, setChangingRole] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, startBusy] = useTransition();
  const name = target.username;
  // The dialogs are unmounted when done, which does not hand the focus back: the row's button takes it.
  const triggerId = `user-actions-${target.id}`;
  const dialogOpen = changingRole || confirm !== null || password !== null;
  const focusBack = useFocusAfterClose(dialogOpen, triggerId);
  useEffect(() => {
    if (dialogOpen) focusBack();
  }, [dialogOpen, focusBack]);

  function report<T>(result: ActionResult<T> | null, success: string) {
    if (!result) setStatus({ ok: false, text: consoleUnreachable("nothing was changed") });
    else setStatus(result.ok ? { ok: true, text: success } : { ok: false, text: result.error.message });
  }

  function run(kind: Confirm) {
    startBusy(async () => {
      const input = { id: target.id };
      if (kind === "reset") {
        const r = await resetPasswordAction(input).catch(() => null);
        if (r?.ok) setPassword(r.data.password);
        report(r, `${name}'s password was reset.`);
      } else if (kind === "disable") report(await disableUserAction(input).catch(() => null), `${name} was disabled.`);
      else if (kind === "enable") report(await enableUserAction(input).catch(() => null), `${name} was enabled.`);
      else {
        const r = await signOutEverywhereAction(input).catch(() => null);
        report(r, r?.ok ? `${name} was signed out of ${r.data.sessionsEnded} session(s).` : "");
      }
      setConfirm(null);
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <RowMenu
        id={triggerId}
        name={name}
        disabled={!ready}
        items={[
          { label: "Change role", name: `Change role of ${name}`, onSelect: () => setChangingRole(true) },
          ...(target.local
            ? [{ label: "Reset password", name: `Reset password of ${name}`, onSelect: () => setConfirm("reset") }]
            : []),
          ...(target.disabled
            ? [{ label: "Enable", name: `Enable ${name}`, onSelect: () => setConfirm("enable") }]
            : target.self
              ? []
              : [{ label: "Disable", name: `Disable ${name}`, tone: "danger" as const, onSelect: () => setConfirm("disable") }]),
          { label: "Sign out everywhere", name: `Sign out ${name} everywhere`, onSelect: () => setConfirm("signout") },
        ]}
      />
      <p
        role="status"
        className={cn(
          "text-left text-sm",
          status && !status.ok ? "text-red-700 dark:text-red-400" : "text-zinc-700 dark:text-zinc-300",
        )}
      >
        {status?.text ?? ""}
      </p>
      {changingRole ? (
        <ChangeRoleDialog
          target={target}
          onDone={(result) => {
            setChangingRole(false);
            if (result) report(result, `${name} is now ${result.ok ? USER_ROLE_LABELS[result.data.role] : ""}.`);
          }}
        />
      ) : null}
      {password ? <OneTimePasswordDialog username={name} password={password} onClose={() => setPassword(null)} /> : null}
      <AlertDialog
        open={confirm !== null}
        title={confirm ? CONFIRM[confirm].title : ""}
        tone={confirm ? CONFIRM[confirm].tone : "default"}
        confirmLabel={confirm ? CONFIRM[confirm].label : ""}
        pending={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => (confirm ? run(confirm) : undefined)}
      >
        {confirm ? CONFIRM[confirm].text(name) : ""}
      </AlertDialog>
    </div>
  );
}

type RoleResult = ActionResult<{ role: "ADMIN" | "VIEWER" }> | null;

function ChangeRoleDialog({ target, onDone }: { target: Target; onDone: (result: RoleResult | undefined) => void }) {
  const [role, setRole] = useState(target.role);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const formId = `change-role-${target.id}`;
  return (
    <Dialog
      open
      title={`Change role of ${target.username}`}
      onRequestClose={() => (pending ? undefined : onDone(undefined))}
      footer={
        <>
          <Button variant="secondary" disabled={pending} onClick={() => onDone(undefined)}>
            Cancel
          </Button>
          <PendingButton type="submit" form={formId} variant="primary" pending={pending}>
            Save
          </PendingButton>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          start(async () => {
            const result = await changeRoleAction({ id: target.id, role }).catch(() => null);
            // A refusal (the last administrator) stays in the dialog, beside the field.
            if (result && !result.ok) setError(result.error.message);
            else onDone(result);
          });
        }}
      >
        <Field label="Role" htmlFor={`${formId}-role`} error={error}>
          <Select
            id={`${formId}-role`}
            value={role}
            disabled={pending}
            invalid={Boolean(error)}
            aria-describedby={error ? `${formId}-role-error` : undefined}
            onChange={(e) => setRole(e.target.value === "ADMIN" ? "ADMIN" : "VIEWER")}
          >
            <option value="VIEWER">{USER_ROLE_LABELS.VIEWER}</option>
            <option value="ADMIN">{USER_ROLE_LABELS.ADMIN}</option>
          </Select>
        </Field>
      </form>
    </Dialog>
  );
}
