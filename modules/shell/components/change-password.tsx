"use client";

import { useId, useState } from "react";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, fieldDescribedBy, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import { useHydrated } from "@/components/ui/use-hydrated";
import { fieldErrorsOf } from "@/lib/action-result";
import { changePasswordAction, changePasswordSchema, type ChangePasswordValues } from "@/modules/users";
import { consoleUnreachable } from "@/components/ui/unreachable";

const EMPTY: ChangePasswordValues = { current: "", next: "", confirm: "" };

/** The user panel's Change password: the current password, the new one twice; other sessions end. */
export function ChangePasswordButton() {
  const ready = useHydrated();
  const [open, setOpen] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <Button variant="ghost" size="sm" disabled={!ready} className="px-2" onClick={() => setOpen((n) => n + 1)}>
        Change password
      </Button>
      <p role="status" className="sr-only">
        {done ?? ""}
      </p>
      {open > 0 ? (
        <ChangePasswordDialog
          key={open}
          onClose={(message) => {
            setOpen(0);
            setDone(message);
          }}
        />
      ) : null}
    </>
  );
}

function ChangePasswordDialog({ onClose }: { onClose: (message: string | null) => void }) {
  const id = useId();
  const [values, setValues] = useState<ChangePasswordValues>(EMPTY);
  const [saved, setSaved] = useState<number | null>(null);
  const { fieldErrors, setFieldErrors, message, pending, submit } = useActionSubmit({
    unreachable: consoleUnreachable("your password was not changed"),
    fields: ["current", "next", "confirm"],
  });
  const fields = [
    { key: "current", label: "Current password", autoComplete: "current-password" },
    { key: "next", label: "New password", autoComplete: "new-password", hint: "At least 12 characters." },
    { key: "confirm", label: "New password again", autoComplete: "new-password" },
  ] as const;

  if (saved !== null) {
    const text = `Your password was changed.${saved > 0 ? ` Your ${saved} other session(s) were signed out.` : ""}`;
    return (
      <Dialog
        open
        title="Change password"
        onRequestClose={() => onClose(text)}
        footer={
          <Button variant="primary" autoFocus onClick={() => onClose(text)}>
            Done
          </Button>
        }
      >
        <Notice tone="success" role="status">
          {text}
        </Notice>
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      title="Change password"
      onRequestClose={() => (pending ? undefined : onClose(null))}
      footer={
        <>
          <Button variant="secondary" disabled={pending} onClick={() => onClose(null)}>
            Cancel
          </Button>
          <PendingButton type="submit" form={id} variant="primary" pending={pending}>
            Change password
          </PendingButton>
        </>
      }
    >
      <form
        id={id}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = changePasswordSchema.safeParse(values);
          if (!checked.success) {
            setFieldErrors(fieldErrorsOf(checked.error));
            return;
          }
          submit(
            () => changePasswordAction(values),
            (data) => setSaved(data.sessionsEnded),
          );
        }}
      >
        {message ? (
          <Notice tone="danger" role="alert">
            {message}
          </Notice>
        ) : null}
        {fields.map((field) => {
          const htmlFor = `${id}-${field.key}`;
          const hint = "hint" in field ? field.hint : undefined;
          return (
            <Field key={field.key} label={field.label} htmlFor={htmlFor} hint={hint} error={fieldErrors[field.key]}>
              <Input
                id={htmlFor}
                type="password"
                autoComplete={field.autoComplete}
                value={values[field.key]}
                disabled={pending}
                invalid={Boolean(fieldErrors[field.key])}
                aria-describedby={fieldDescribedBy(htmlFor, { hint, error: fieldErrors[field.key] })}
                onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
              />
            </Field>
          );
        })}
      </form>
    </Dialog>
  );
}
