"use client";

import { useState } from "react";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, fieldDescribedBy, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import { useHydrated } from "@/components/ui/use-hydrated";
import { fieldErrorsOf } from "@/lib/action-result";
import { addUserAction } from "../actions";
import { addUserSchema, USER_ROLE_LABELS, type AddUserValues } from "@/modules/users/shared/user-schema";
import { OneTimePasswordDialog } from "./one-time-password";
import { consoleUnreachable } from "@/components/ui/unreachable";

const FORM_ID = "add-user";
const EMPTY: AddUserValues = { username: "", displayName: "", role: "VIEWER" };

/** Add user: a local user; the generated password is shown once. */
export function AddUserButton() {
  const ready = useHydrated();
  const [open, setOpen] = useState(0);
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  return (
    <>
      <Button variant="primary" disabled={!ready} onClick={() => setOpen((n) => n + 1)}>
        Add user
      </Button>
      {open > 0 ? (
        <AddUserDialog
          key={open}
          onClose={() => setOpen(0)}
          onCreated={(result) => {
            setOpen(0);
            setCreated(result);
          }}
        />
      ) : null}
      {created ? <OneTimePasswordDialog {...created} onClose={() => setCreated(null)} /> : null}
    </>
  );
}

function AddUserDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: { username: string; password: string }) => void;
}) {
  const [values, setValues] = useState<AddUserValues>(EMPTY);
  const { fieldErrors, setFieldErrors, message, pending, submit } = useActionSubmit({
    unreachable: consoleUnreachable("no user was added"),
    fields: ["username", "displayName", "role"],
  });

  function save() {
    const checked = addUserSchema.safeParse(values);
    if (!checked.success) {
      setFieldErrors(fieldErrorsOf(checked.error));
      return;
    }
    submit(() => addUserAction(values), onCreated);
  }

  return (
    <Dialog
      open
      title="Add user"
      description="A local user signs in with a password the console generates and shows once."
      onRequestClose={() => (pending ? undefined : onClose())}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <PendingButton type="submit" form={FORM_ID} variant="primary" pending={pending}>
            Add user
          </PendingButton>
        </>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        {message ? (
          <Notice tone="danger" role="alert">
            {message}
          </Notice>
        ) : null}
        <Field
          label="Username"
          htmlFor="user-username"
          hint="Letters, digits, dots, dashes and underscores."
          error={fieldErrors.username}
        >
          <Input
            id="user-username"
            value={values.username}
            autoComplete="off"
            spellCheck={false}
            disabled={pending}
            invalid={Boolean(fieldErrors.username)}
            aria-describedby={fieldDescribedBy("user-username", { hint: true, error: fieldErrors.username })}
            onChange={(e) => setValues({ ...values, username: e.target.value })}
          />
        </Field>
        <Field label="Name" htmlFor="user-name" hint="Optional; the username by default." error={fieldErrors.displayName}>
          <Input
            id="user-name"
            value={values.displayName}
            autoComplete="off"
            disabled={pending}
            invalid={Boolean(fieldErrors.displayName)}
            aria-describedby={fieldDescribedBy("user-name", { hint: true, error: fieldErrors.displayName })}
            onChange={(e) => setValues({ ...values, displayName: e.target.value })}
          />
        </Field>
        <Field label="Role" htmlFor="user-role" error={fieldErrors.role}>
          <Select
            id="user-role"
            value={values.role}
            disabled={pending}
            onChange={(e) => setValues({ ...values, role: e.target.value === "ADMIN" ? "ADMIN" : "VIEWER" })}
          >
            <option value="VIEWER">{USER_ROLE_LABELS.VIEWER}</option>
            <option value="ADMIN">{USER_ROLE_LABELS.ADMIN}</option>
          </Select>
        </Field>
      </form>
    </Dialog>
  );
}
