"use client";

import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SettingsForm, StatusLine } from "@/components/ui/use-settings-save";
import { saveOidcAction } from "../actions";
import { oidcSettingsSchema, type OidcSettingsValues } from "@/modules/directory/shared/oidc-schema";
import { SettingsField, type SettingsFieldSpec } from "./settings-field";
import { useSealedSettingsForm } from "./use-sealed-settings-form";

const FIELDS: SettingsFieldSpec<keyof OidcSettingsValues>[] = [
  {
    key: "issuerUrl",
    label: "Issuer URL",
    hint: "The provider's issuer; its discovery document is read from there, e.g. https://sso.example.org/realms/site.",
  },
  { key: "clientId", label: "Client ID", hint: "The client (application) registered for the console at the provider." },
  { key: "clientSecret", label: "Client secret", secret: true },
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
  const {
    values,
    setValues,
    errors,
    status,
    pending: saving,
    submit,
    secretHint,
  } = useSealedSettingsForm({
    initial,
    configured,
    secret: { key: "clientSecret", stored: hasClientSecret, missing: "Enter the Client secret the provider gave the console." },
    schema: oidcSettingsSchema,
    save: saveOidcAction,
    savedText: (v) => `Saved. The sign-in page shows Sign in with ${v.buttonLabel.trim()}.`,
  });

  return (
    <SettingsForm onSubmit={submit}>
      {FIELDS.map((f) => (
        <SettingsField
          key={f.key}
          form="oidc"
          field={f}
          value={values[f.key]}
          hint={f.secret ? secretHint : f.hint}
          error={errors[f.key]}
          disabled={saving}
          onChange={(value) => setValues({ ...values, [f.key]: value })}
        />
      ))}
      <div className="flex flex-col gap-2">
        <div>
          <Button type="submit" variant="primary" disabled={!ready || saving}>
            {saving ? "Saving…" : "Save"}
          </Button>
        </div>
        <StatusLine status={status} />
      </div>
    </SettingsForm>
  );
}
