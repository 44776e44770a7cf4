"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy, Input } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { fieldErrorsOf } from "@/lib/action-result";
import { saveOidcAction } from "../actions";
import { oidcSettingsSchema, type OidcSettingsValues } from "@/modules/directory/shared/oidc-schema";

type Status = { ok: boolean; text: string } | null;

const FIELDS: { key: keyof OidcSettingsValues; label: string; hint?: string; type?: string }[] = [
  {
    key: "issuerUrl",
    label: "Issuer URL",
    hint: "The provider's issuer; its discovery document is read from there, e.g. https://sso.example.org/realms/site.",
  },
  { key: "clientId", label: "Client ID", hint: "The client (application) registered for the console at the provider." },
  { key: "clientSecret", label: "Client secret", type: "password" },
  { key: "groupsClaim", label: "Groups claim", hint: "The ID token claim that lists the user's groups, e.g. groups." },
  {
    key: "adminGroup",
    label: "Administrators group",
    hint: "A group name as the claim lists it; its members sign in as administrators.",
  },
  {
    key: "viewerGroup",
    label: "Viewers group",
    hint: "A group name as the claim lists it; its members sign in as viewers. Users in neither group are refused.",
  },
  { key: "buttonLabel", label: "Button label", hint: "The sign-in page shows Sign in with this label, e.g. Keycloak." },
];

/** Settings > Directory's OpenID Connect form; the client secret is write-only (a stored one is kept unless replaced). */
export function OidcForm({
  initial,
  hasClientSecret,
  configured,
}: {
  initial: OidcSettingsValues;
  hasClientSecret: boolean;
  /** Whether settings are stored: when they are removed, the form starts again from the empty ones. */
  configured: boolean;
}) {
  const ready = useHydrated();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>(null);
  const [wasConfigured, setWasConfigured] = useState(configured);
  // Removed (here or elsewhere): show the empty settings. A save keeps the form, and its status line.
  if (wasConfigured !== configured) {
    setWasConfigured(configured);
    if (!configured) {
      setValues(initial);
      setErrors({});
      setStatus(null);
    }
  }
  const [saving, startSave] = useTransition();

  function checked(): boolean {
    const parsed = oidcSettingsSchema.safeParse(values);
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
    if (!values.clientSecret && !hasClientSecret && !("clientSecret" in found)) {
      found.clientSecret = "Enter the Client secret the provider gave the console.";
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setStatus(null);
        if (!checked()) {
          setStatus({ ok: false, text: "Check the highlighted fields." });
          return;
        }
        startSave(async () => {
          const result = await saveOidcAction(values).catch(() => null);
          if (!result) setStatus({ ok: false, text: "The console could not be reached. Nothing was saved; try again." });
          else if (result.ok) {
            setValues((v) => ({ ...v, clientSecret: "" }));
            setStatus({ ok: true, text: `Saved. The sign-in page shows Sign in with ${values.buttonLabel.trim()}.` });
          } else {
            setErrors(result.error.fieldErrors ?? {});
            setStatus({ ok: false, text: result.error.message });
          }
        });
      }}
    >
      {FIELDS.map((f) => {
        const id = `oidc-${f.key}`;
        const hint =
          f.key === "clientSecret"
            ? hasClientSecret && !values.clientSecret
              ? "Stored and never shown again; leave empty to keep it."
              : undefined
            : f.hint;
        return (
          <Field key={f.key} label={f.label} htmlFor={id} hint={hint} error={errors[f.key]}>
            <Input
              id={id}
              type={f.type ?? "text"}
              value={values[f.key]}
              disabled={saving}
              invalid={Boolean(errors[f.key])}
              spellCheck={false}
              autoComplete={f.type === "password" ? "new-password" : "off"}
              aria-describedby={fieldDescribedBy(id, { hint, error: errors[f.key] })}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
          </Field>
        );
      })}
      <div className="flex flex-col gap-2">
        <div>
          <Button type="submit" variant="primary" disabled={!ready || saving}>
            {saving ? "Saving…" : "Save"}
          </Button>
        </div>
        <p
          role="status"
          className={status && !status.ok ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-zinc-700 dark:text-zinc-300"}
        >
          {status?.text ?? ""}
        </p>
      </div>
    </form>
  );
}
