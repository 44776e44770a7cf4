"use client";

import { useState } from "react";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { ErrorSummary, type SummaryField } from "@/components/ui/error-summary";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import { fieldErrorsOf } from "@/lib/action-result";
import { createServiceTokenWithDetailsSchema, defaultExpirationFor } from "@/lib/tokens";
import { createServiceTokenAction, type CreatedServiceToken } from "../actions";
import { useTokenPolicy } from "../../components/use-token-policy";
import { CreateTokenForm, INITIAL_VALUES, customExpiresAtOf, type CreateTokenFormValues } from "./create-token-form";
import { OneTimeToken } from "../../components/one-time-token";
import { CloseQuestion, SecretStepFooter, useLeaveWarning } from "@/components/ui/secret-step";
import { consoleUnreachable } from "@/components/ui/unreachable";

const FORM_ID = "create-service-token";

/** The fields an error summary names, by the schema's field names. */
const SUMMARY_FIELDS: Record<string, SummaryField> = {
  type: { label: "Type", controlId: "type-CONNECTOR" },
  issuedTo: { label: "Issued To", controlId: "issuedTo" },
  expiration: { label: "Set Expiration Time", controlId: "expiration" },
  customExpiresAt: { label: "Expiration date", controlId: "customExpiresAt" },
  description: { label: "Description", controlId: "description" },
  allowedAddresses: { label: "Allowed addresses", controlId: "allowedAddresses" },
  notify: { label: "Notify", controlId: "notify" },
};

// One dialog, three steps: the form, the one-time token, and "did you copy it?" before an Escape or an
// outside click may discard the token. The plaintext lives only in the `secret` step's state. Mounted
// open by CreateTokenButton on each "Create New" (loaded on demand).
type Step =
  | { kind: "closed" }
  | { kind: "form" }
  | { kind: "secret"; created: CreatedServiceToken; copied: boolean; confirmingClose: boolean };

export function CreateTokenDialog() {
  const [step, setStep] = useState<Step>({ kind: "form" });
  const [values, setValues] = useState<CreateTokenFormValues>(INITIAL_VALUES);
  const [refusedHere, setRefusedHere] = useState(0);
  const {
    fieldErrors: errors,
    setFieldErrors: setErrors,
    message: formError,
    pending,
    refusals,
    submit: callAction,
  } = useActionSubmit({ unreachable: consoleUnreachable("no token was created") });
  // Offer only what the token policy allows; the server enforces it regardless.
  const policy = useTokenPolicy((loaded) =>
    setValues((v) => (v === INITIAL_VALUES ? { ...v, expiration: defaultExpirationFor(loaded, v.type) } : v)),
  );
  useLeaveWarning(step.kind === "secret");

  function close() {
    setStep({ kind: "closed" });
  }

  function inputOf(values: CreateTokenFormValues) {
    return {
      type: values.type,
      issuedTo: values.issuedTo,
      expiration: values.expiration,
      customExpiresAt: values.expiration === "custom" ? customExpiresAtOf(values.customDate) : null,
      description: values.description,
      allowedAddresses: values.allowedAddresses,
      notify: values.notify,
    };
  }

  /** An error goes away as soon as its field is valid; new errors wait for the next submit. */
  function change(next: CreateTokenFormValues) {
    setValues(next);
    if (Object.keys(errors).length === 0) return;
    const checked = createServiceTokenWithDetailsSchema.safeParse(inputOf(next));
    const stillWrong = checked.success ? {} : fieldErrorsOf(checked.error);
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([field]) => field in stillWrong)));
  }

  function submit() {
    const input = inputOf(values);
    const checked = createServiceTokenWithDetailsSchema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error));
      setRefusedHere((n) => n + 1);
      return;
    }
    callAction(
      () => createServiceTokenAction(input),
      (created) => setStep({ kind: "secret", created, copied: false, confirmingClose: false }),
    );
  }

  function requestClose() {
    if (step.kind === "form" && !pending) close();
    if (step.kind === "secret") setStep({ ...step, confirmingClose: true });
  }

  const footer =
    step.kind === "form" ? (
      <>
        <Button variant="secondary" onClick={close} disabled={pending}>
          Cancel
        </Button>
        <PendingButton type="submit" form={FORM_ID} variant="primary" pending={pending}>
          Create
        </PendingButton>
      </>
    ) : step.kind === "secret" ? (
      <SecretStepFooter state={step} onChange={(next) => setStep({ ...step, ...next })} onClose={close} />
    ) : null;

  return (
    <Dialog
      open={step.kind !== "closed"}
      title={step.kind === "secret" ? "Copy your new token" : "Create New Service Token"}
      description={step.kind === "form" ? "Services send the token as a bearer token to call the console's API." : undefined}
      onRequestClose={requestClose}
      footer={footer}
    >
      {step.kind === "form" ? (
        <div className="flex flex-col gap-4">
          {formError ? (
            <Notice tone="danger" role="alert">
              {formError}
            </Notice>
          ) : null}
          <ErrorSummary errors={errors} fields={SUMMARY_FIELDS} attempt={refusedHere + refusals} />
          <CreateTokenForm
            id={FORM_ID}
            values={values}
            errors={errors}
            disabled={pending}
            onChange={change}
            onSubmit={submit}
            policy={policy}
          />
        </div>
      ) : null}
      {step.kind === "secret" ? (
        <div className="flex flex-col gap-4">
          <OneTimeToken
            created={step.created}
            onCopied={() => setStep((s) => (s.kind === "secret" ? { ...s, copied: true } : s))}
          />
          <CloseQuestion state={step} />
        </div>
      ) : null}
    </Dialog>
  );
}
