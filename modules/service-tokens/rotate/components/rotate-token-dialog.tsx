"use client";

import { useEffect, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { Button, PendingButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, RadioCardGroup, Select, Textarea, fieldDescribedBy } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionSubmit } from "@/components/ui/use-action-submit";
import {
  CUSTOM_EXPIRY,
  DEFAULT_EXPIRY,
  EXPIRATION_OPTIONS,
  type ExpirationValue,
  allowedExpirationValues,
  DEFAULT_ROTATION_OVERLAP,
  defaultExpirationFor,
  maxDaysFor,
  MAX_CUSTOM_EXPIRY_DAYS,
  ROTATION_OVERLAPS,
  type RotationOverlapValue,
} from "@/lib/tokens";
import { getRotateDefaultsAction, rotateServiceTokenAction, type RotatedServiceToken } from "../actions";
import { useTokenPolicy } from "../../components/use-token-policy";
import { customDateRange, customExpiresAtOf } from "../../create/components/create-token-form";
import { OneTimeToken } from "../../components/one-time-token";
import { CloseQuestion, SecretStepFooter, useLeaveWarning } from "@/components/ui/secret-step";
import type { RotateTarget } from "./rotate-token-button";
import { consoleUnreachable } from "@/components/ui/unreachable";

type Step = { kind: "form" } | { kind: "secret"; rotated: RotatedServiceToken; copied: boolean; confirmingClose: boolean };

const OVERLAP_OPTIONS = ROTATION_OVERLAPS.map((o) => ({ value: o.value, label: o.label }));

/**
 * `Rotate` and its dialog "Rotate service token": how long the current token keeps working, the new
 * token's expiration (only what the policy allows), then the new token once, in the same one-time view
 * as Create. The plaintext lives only in the `secret` step's state. Mounted by RotateProvider.
 */
export function RotateTokenDialog({ token, onClosed }: { token: RotateTarget; onClosed: () => void }) {
  const formId = `rotate-${token.publicId}`;
  const [step, setStep] = useState<Step>({ kind: "form" });
  const [overlap, setOverlap] = useState<RotationOverlapValue>(DEFAULT_ROTATION_OVERLAP);
  const [expiration, setExpiration] = useState<ExpirationValue>(DEFAULT_EXPIRY);
  const [customDate, setCustomDate] = useState("");
  // The current token's Notify addresses, carried over unless changed; null until read, and then the
  // rotation leaves them as they are (an empty field would clear them).
  const [notify, setNotify] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    getRotateDefaultsAction({ publicId: token.publicId })
      .then((result) => {
        if (current && result.ok) setNotify(result.data.notify);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [token.publicId]);
  // Only the choices the policy allows, its default preselected (the server enforces it anyway).
  const policy = useTokenPolicy((loaded) => setExpiration(defaultExpirationFor(loaded, token.type)));
  const {
    fieldErrors: errors,
    message: formError,
    pending,
    submit: callAction,
  } = useActionSubmit({ unreachable: consoleUnreachable("nothing was changed") });
  const now = new Date();
  useLeaveWarning(step.kind === "secret");

  function submit() {
    callAction(
      () =>
        rotateServiceTokenAction({
          publicId: token.publicId,
          overlap,
          expiration,
          customExpiresAt: expiration === CUSTOM_EXPIRY ? customExpiresAtOf(customDate) : null,
          ...(notify === null ? {} : { notify }),
        }),
      (rotated) => setStep({ kind: "secret", rotated, copied: false, confirmingClose: false }),
    );
  }

  function requestClose() {
    if (step.kind === "form" && !pending) onClosed();
    if (step.kind === "secret") setStep({ ...step, confirmingClose: true });
  }

  const allowed = policy ? allowedExpirationValues(policy, token.type) : null;
  const maxDays = policy ? maxDaysFor(policy, token.type) : MAX_CUSTOM_EXPIRY_DAYS;
  const close = onClosed;

  const footer =
    step.kind === "form" ? (
      <>
        <Button variant="secondary" onClick={close} disabled={pending}>
          Cancel
        </Button>
        <PendingButton type="submit" form={formId} variant="primary" pending={pending}>
          Rotate
        </PendingButton>
      </>
    ) : (
      <SecretStepFooter state={step} onChange={(next) => setStep({ ...step, ...next })} onClose={close} />
    );

  return (
    <>
      <Dialog
        open
        title={step.kind === "secret" ? "Copy your new token" : "Rotate service token"}
        description={
          step.kind === "form" ? (
            <>
              A new {token.type === "DEVELOPER" ? "Developer" : "Connector"} token for “<bdi>{token.issuedTo}</bdi>” replaces{" "}
              {token.publicId}.
            </>
          ) : undefined
        }
        onRequestClose={requestClose}
        footer={footer}
      >
        {step.kind === "form" ? (
          <form
            id={formId}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
            className="flex flex-col gap-5"
          >
            {formError ? (
              <Notice tone="danger" role="alert">
                {formError}
              </Notice>
            ) : null}
            <fieldset disabled={pending} className="contents">
              <RadioCardGroup
                name={`${formId}-overlap`}
                legend="Keep the current token working for"
                options={OVERLAP_OPTIONS}
                value={overlap}
                onChange={setOverlap}
                error={errors.overlap}
                hint="Time to deploy the new token; the current one never lives longer than it already would."
              />
              <Field
                label="Set Expiration Time"
                htmlFor={`${formId}-expiration`}
                error={errors.expiration}
                hint="Of the new token."
              >
                <Select
                  id={`${formId}-expiration`}
                  value={expiration}
                  onChange={(event) => setExpiration(event.target.value as ExpirationValue)}
                  invalid={Boolean(errors.expiration)}
                  aria-describedby={fieldDescribedBy(`${formId}-expiration`, { hint: true, error: errors.expiration })}
                >
                  {EXPIRATION_OPTIONS.filter((o) => !allowed || allowed.includes(o.value)).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Field>
              {expiration === CUSTOM_EXPIRY ? (
                <Field label="Expiration date" htmlFor={`${formId}-date`} error={errors.customExpiresAt}>
                  <Input
                    id={`${formId}-date`}
                    type="date"
                    value={customDate}
                    {...customDateRange(now, maxDays)}
                    onChange={(event) => setCustomDate(event.target.value)}
                    invalid={Boolean(errors.customExpiresAt)}
                  />
                </Field>
              ) : null}
              <Field
                label="Notify"
                htmlFor={`${formId}-notify`}
                hint="Of the new token: email addresses, one per line, warned before it expires besides the global recipients."
                error={errors.notify}
              >
                <Textarea
                  id={`${formId}-notify`}
                  value={notify ?? ""}
                  onChange={(event) => setNotify(event.target.value)}
                  disabled={notify === null}
                  rows={2}
                  spellCheck={false}
                  invalid={Boolean(errors.notify)}
                  aria-describedby={fieldDescribedBy(`${formId}-notify`, { hint: true, error: errors.notify })}
                />
              </Field>
            </fieldset>
          </form>
        ) : null}
        {step.kind === "secret" ? (
          <div className="flex flex-col gap-4">
            <OneTimeToken
              created={step.rotated}
              onCopied={() => setStep((s) => (s.kind === "secret" ? { ...s, copied: true } : s))}
            />
            <Notice tone="info" title={`Rotating ${step.rotated.replaced.publicId}`}>
              It stops working at <LocalTime iso={step.rotated.replaced.expiresAt} />.
            </Notice>
            <CloseQuestion state={step} />
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
