"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { fieldErrorsOf } from "@/lib/tokens";
import { createServiceTokenWithDetailsSchema, defaultExpirationFor, type TokenPolicy } from "@/lib/tokens/lifecycle";
import { createServiceTokenAction, type CreatedServiceToken } from "../../actions";
import { getTokenPolicyAction } from "../../lifecycle-actions";
import { CreateTokenForm, INITIAL_VALUES, customExpiresAtOf, type CreateTokenFormValues } from "./create-token-form";
import { OneTimeToken } from "./one-time-token";

const FORM_ID = "create-service-token";

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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [policy, setPolicy] = useState<TokenPolicy | null>(null);
  const goBackRef = useRef<HTMLButtonElement>(null);
  const showingSecret = step.kind === "secret";
  const confirming = step.kind === "secret" && step.confirmingClose;

  // While the token is on screen, leaving or reloading the page asks first (the browser's own prompt).
  useEffect(() => {
    if (!showingSecret) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- deliberate: browsers before Chrome 119 show the prompt only when it is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [showingSecret]);

  // The question replaces the Done button that had the focus: put it on the safe answer.
  useEffect(() => {
    if (confirming) goBackRef.current?.focus();
  }, [confirming]);

  // Offer only what the token policy allows; the server enforces it regardless.
  useEffect(() => {
    let current = true;
    getTokenPolicyAction({})
      .then((result) => {
        if (!current || !result.ok) return;
        setPolicy(result.data);
        setValues((v) => (v === INITIAL_VALUES ? { ...v, expiration: defaultExpirationFor(result.data, v.type) } : v));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

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
      return;
    }
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      try {
        const result = await createServiceTokenAction(input);
        if (result.ok) {
          setStep({ kind: "secret", created: result.data, copied: false, confirmingClose: false });
        } else {
          setErrors(result.error.fieldErrors ?? {});
          setFormError(result.error.fieldErrors ? null : result.error.message);
        }
      } catch {
        setFormError("The console could not be reached. No token was created; try again.");
      }
    });
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
        <Button type="submit" form={FORM_ID} variant="primary" disabled={pending} aria-busy={pending || undefined}>
          {pending ? <Spinner /> : null}
          Create
        </Button>
      </>
    ) : step.kind === "secret" && step.confirmingClose ? (
      <>
        <Button ref={goBackRef} variant="secondary" onClick={() => setStep({ ...step, confirmingClose: false })}>
          Go back
        </Button>
        <Button variant={step.copied ? "primary" : "danger"} onClick={close}>
          {step.copied ? "Yes, close" : "Close without copying"}
        </Button>
      </>
    ) : (
      // Done is a close like any other: before a successful Copy it asks first.
      <Button variant="primary" onClick={() => (step.kind === "secret" && !step.copied ? requestClose() : close())}>
        Done
      </Button>
    );

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
          {step.confirmingClose ? (
            <Notice tone={step.copied ? "info" : "danger"} role="alert" title="Did you copy the token?">
              {step.copied
                ? "You copied it. Once closed, the token cannot be shown again."
                : "You have not copied it yet. The token is not stored: once closed, it cannot be shown again."}
            </Notice>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
