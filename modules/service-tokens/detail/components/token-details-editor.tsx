"use client";

import { useState } from "react";
import { Button, PendingButton } from "@/components/ui/button";
import { Field, Input, Textarea, fieldDescribedBy } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useFocusAfterClose } from "@/components/ui/use-focus-after-close";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import { fieldErrorsOf } from "@/lib/action-result";
import { DESCRIPTION_MAX_LENGTH, tokenDetailsSchema } from "@/lib/tokens";
import { updateServiceTokenDetailsAction } from "../actions";
import { DETAIL_LIST_CLASS } from "./detail-list";
import { consoleUnreachable } from "@/components/ui/unreachable";

type Props = {
  publicId: string;
  description: string | null;
  /** Stored ranges, one per line; null: any address. */
  allowedCidrs: string | null;
  notifyEmails: string | null;
  /** Administrators on a token that is not revoked. */
  canEdit: boolean;
};

const term = "text-zinc-600 dark:text-zinc-400";

/**
 * The token page's Description and Allowed addresses: shown to everyone, edited in place by
 * administrators (the action audits old and new values).
 */
export function TokenDetailsEditor({ publicId, description, allowedCidrs, notifyEmails, canEdit }: Props) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState({
    description: description ?? "",
    allowedAddresses: allowedCidrs ?? "",
    notify: notifyEmails ?? "",
  });
  const {
    fieldErrors: errors,
    setFieldErrors: setErrors,
    message: formError,
    setMessage: setFormError,
    pending,
    submit: callAction,
  } = useActionSubmit({ unreachable: consoleUnreachable("nothing was changed") });
  // Saving swaps the form for the values and their Edit button: focus goes to that button.
  const focusAfterSave = useFocusAfterClose(editing, "token-details-edit");
  const ranges = allowedCidrs ? allowedCidrs.split("\n") : [];

  function start() {
    setValues({ description: description ?? "", allowedAddresses: allowedCidrs ?? "", notify: notifyEmails ?? "" });
    setErrors({});
    setFormError(null);
    setEditing(true);
  }

  function save() {
    const checked = tokenDetailsSchema.safeParse(values);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error));
      return;
    }
    callAction(
      () => updateServiceTokenDetailsAction({ publicId, ...values }),
      () => {
        focusAfterSave();
        setEditing(false);
      },
    );
  }

  if (editing) {
    return (
      <form
        noValidate
        aria-label="Edit description and allowed addresses"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        className="flex flex-col gap-4"
      >
        {formError ? (
          <Notice tone="danger" role="alert">
            {formError}
          </Notice>
        ) : null}
        <fieldset disabled={pending} className="contents">
          <Field
            label="Description"
            htmlFor="token-description"
            hint="Optional: what this token is for, where it is deployed."
            error={errors.description}
          >
            <Input
              id="token-description"
              value={values.description}
              onChange={(event) => setValues({ ...values, description: event.target.value })}
              maxLength={DESCRIPTION_MAX_LENGTH}
              autoComplete="off"
              invalid={Boolean(errors.description)}
              aria-describedby={fieldDescribedBy("token-description", { hint: true, error: errors.description })}
            />
          </Field>
          <Field
            label="Allowed addresses"
            htmlFor="token-allowed-addresses"
            hint="Optional: CIDR ranges, one per line, e.g. 192.0.2.0/24 or 2001:db8::/32. Empty: any address."
            error={errors.allowedAddresses}
          >
            <Textarea
              id="token-allowed-addresses"
              rows={3}
              value={values.allowedAddresses}
              onChange={(event) => setValues({ ...values, allowedAddresses: event.target.value })}
              spellCheck={false}
              className="font-mono"
              invalid={Boolean(errors.allowedAddresses)}
              aria-describedby={fieldDescribedBy("token-allowed-addresses", { hint: true, error: errors.allowedAddresses })}
            />
          </Field>
          <Field
            label="Notify"
            htmlFor="token-notify"
            hint="Optional: email addresses, one per line, warned before it expires besides the global recipients."
            error={errors.notify}
          >
            <Textarea
              id="token-notify"
              rows={2}
              value={values.notify}
              onChange={(event) => setValues({ ...values, notify: event.target.value })}
              spellCheck={false}
              invalid={Boolean(errors.notify)}
              aria-describedby={fieldDescribedBy("token-notify", { hint: true, error: errors.notify })}
            />
          </Field>
        </fieldset>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" onClick={() => setEditing(false)} disabled={pending}>
            Cancel
          </Button>
          <PendingButton type="submit" variant="primary" size="sm" pending={pending}>
            Save
          </PendingButton>
        </div>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <dl className={DETAIL_LIST_CLASS}>
        <dt className={term}>Description</dt>
        <dd dir="auto" className="break-words">
          {description ?? <span className={term}>None</span>}
        </dd>
        <dt className={term}>Allowed addresses</dt>
        <dd>
          {ranges.length ? (
            <ul className="font-mono break-all">
              {ranges.map((range) => (
                <li key={range}>{range}</li>
              ))}
            </ul>
          ) : (
            <span className={term}>Any address</span>
          )}
        </dd>
        <dt className={term}>Notify</dt>
        <dd className="break-all">
          {notifyEmails ? notifyEmails.split("\n").join(", ") : <span className={term}>The global recipients only</span>}
        </dd>
      </dl>
      {canEdit ? (
        <Button id="token-details-edit" variant="secondary" size="sm" className="self-start" onClick={start}>
          Edit description and addresses
        </Button>
      ) : null}
    </div>
  );
}
