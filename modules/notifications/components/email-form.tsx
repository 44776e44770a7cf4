"use client";

import { useState } from "react";
import { Field, Input, Select, Textarea, fieldDescribedBy } from "@/components/ui/field";
import { SaveWithAction, useStatusAction } from "@/components/ui/status-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SettingsForm, useSettingsSave } from "@/components/ui/use-settings-save";
import { saveEmailSettingsAction, sendTestEmailAction } from "../actions";
import {
  DEFAULT_PORTS,
  SECURITY,
  SECURITY_LABELS,
  emailSettingsSchema,
  type Security,
} from "@/modules/notifications/shared/settings-schema";

export type EmailFormValues = {
  smtpHost: string;
  smtpPort: string;
  security: Security;
  username: string;
  from: string;
  recipients: string;
};

/** The relay and the recipients; the password is write-only (a stored one is kept unless replaced). */
export function EmailForm({
  initial,
  hasPassword,
  canEdit,
}: {
  initial: EmailFormValues;
  hasPassword: boolean;
  canEdit: boolean;
}) {
  const ready = useHydrated();
  const [values, setValues] = useState(initial);
  const [password, setPassword] = useState("");
  const [askPlain, setAskPlain] = useState(false);
  const [confirmPlain, setConfirmPlain] = useState(false);
  const {
    errors,
    status,
    setStatus,
    pending,
    submit: save,
  } = useSettingsSave({
    schema: emailSettingsSchema,
    save: saveEmailSettingsAction,
    savedText: "Email settings saved.",
    onSaved: () => setPassword(""),
    // A relay that asks for a password over plain text: the confirmation is asked for beside Security.
    onRefused: ({ confirm, ...fieldErrors }) => {
      if (confirm) setAskPlain(true);
      return fieldErrors;
    },
  });
  const test = useStatusAction();

  const set = (key: keyof EmailFormValues, value: string) => {
    setValues({ ...values, [key]: value });
    setStatus(null);
  };

  const submit = () => save({ ...values, password, clearPassword: false, confirmPlainPassword: confirmPlain });

  const text = (key: "smtpHost" | "smtpPort" | "username" | "from", label: string, hint?: string, extra?: object) => (
    <Field label={label} htmlFor={`email-${key}`} hint={hint} error={errors[key]}>
      <Input
        id={`email-${key}`}
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
        readOnly={!canEdit}
        invalid={Boolean(errors[key])}
        aria-describedby={fieldDescribedBy(`email-${key}`, { hint, error: errors[key] })}
        {...extra}
      />
    </Field>
  );

  const passwordHint = hasPassword ? "A password is stored. Leave empty to keep it." : "Only if the relay asks for one.";
  return (
    <SettingsForm onSubmit={() => canEdit && submit()}>
      <fieldset disabled={pending} className="grid gap-4 sm:grid-cols-2">
        {text("smtpHost", "SMTP host", "The site's mail relay, e.g. mail.example.com.", { autoComplete: "off" })}
        {text("smtpPort", "SMTP port", `Empty: ${DEFAULT_PORTS[values.security]} for ${SECURITY_LABELS[values.security]}.`, {
          inputMode: "numeric",
        })}
        <Field label="Security" htmlFor="email-security" error={errors.security}>
          <Select
            id="email-security"
            value={values.security}
            disabled={!canEdit}
            onChange={(e) => {
              set("security", e.target.value);
              setAskPlain(false);
              setConfirmPlain(false);
            }}
            invalid={Boolean(errors.security)}
            aria-describedby={fieldDescribedBy("email-security", { error: errors.security })}
          >
            {SECURITY.map((s) => (
              <option key={s} value={s}>
                {SECURITY_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        {text("username", "Username", undefined, { autoComplete: "off" })}
        {canEdit ? (
          <Field label="Password" htmlFor="email-password" hint={passwordHint} error={errors.password}>
            <Input
              id="email-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setStatus(null);
              }}
              invalid={Boolean(errors.password)}
              aria-describedby={fieldDescribedBy("email-password", { hint: passwordHint, error: errors.password })}
            />
          </Field>
        ) : null}
        {text("from", "From", "The sender's address, e.g. console@example.com.", { type: "email", autoComplete: "off" })}
        <Field
          label="Recipients"
          htmlFor="email-recipients"
          hint="One address per line. Every warning goes to them."
          error={errors.recipients}
          className="sm:col-span-2"
        >
          <Textarea
            id="email-recipients"
            rows={3}
            value={values.recipients}
            onChange={(e) => set("recipients", e.target.value)}
            readOnly={!canEdit}
            invalid={Boolean(errors.recipients)}
            aria-describedby={fieldDescribedBy("email-recipients", {
              hint: "One address per line. Every warning goes to them.",
              error: errors.recipients,
            })}
          />
        </Field>
        {askPlain && canEdit ? (
          <label className="flex items-start gap-2 text-sm sm:col-span-2">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-(--color-accent)"
              checked={confirmPlain}
              onChange={(e) => setConfirmPlain(e.target.checked)}
            />
            <span>Send the password to this relay without encryption</span>
          </label>
        ) : null}
      </fieldset>
      {canEdit ? (
        <SaveWithAction
          ready={ready}
          saving={pending}
          saveStatus={status}
          action={test}
          label="Send test email"
          busyLabel="Sending…"
          onAction={() =>
            test.run(async () => {
              const result = await sendTestEmailAction({});
              if (!result.ok) return { tone: "error", text: result.error.message };
              return {
                tone: result.data.ok ? "success" : "error",
                text: result.data.ok ? `Test email sent. ${result.data.message}` : `Test email not sent. ${result.data.message}`,
              };
            })
          }
        />
      ) : null}
    </SettingsForm>
  );
}
