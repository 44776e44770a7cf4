"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useStatusAction } from "@/components/ui/status-action";
import { SettingsForm, StatusLine } from "@/components/ui/use-settings-save";
import { saveDirectoryAction, testConnectionAction } from "../actions";
import { ldapSettingsSchema, type LdapSettingsValues } from "@/modules/directory/shared/ldap-schema";
import { SettingsField, type SettingsFieldSpec } from "./settings-field";
import { useSealedSettingsForm } from "./use-sealed-settings-form";
import { consoleUnreachable } from "@/components/ui/unreachable";
type TextKey = Exclude<keyof LdapSettingsValues, "startTls" | "localAdminsOnly">;

const TEXT_FIELDS: SettingsFieldSpec<TextKey>[] = [
  { key: "serverUrl", label: "Server URL", hint: "ldap://host[:port] or ldaps://host[:port], e.g. ldaps://dc1.example.org." },
  {
    key: "caCert",
    label: "CA certificate",
    hint: "PEM. Only needed when the directory's certificate is not from a CA this machine trusts.",
    area: true,
  },
  {
    key: "bindDn",
    label: "Bind DN",
    hint: "The service account that searches for users, e.g. cn=console,ou=services,dc=example,dc=org.",
  },
  { key: "bindPassword", label: "Bind password", secret: true },
  { key: "userBase", label: "User search base", hint: "e.g. ou=people,dc=example,dc=org." },
  { key: "userFilter", label: "User filter", hint: "Active Directory: (sAMAccountName={username}); OpenLDAP: (uid={username})." },
  { key: "adminGroup", label: "Administrators group", hint: "The group's DN; its members sign in as administrators." },
  {
    key: "viewerGroup",
    label: "Viewers group",
    hint: "The group's DN; its members sign in as viewers. Users in neither group are refused.",
  },
];

/** Settings > Directory's LDAP form; the bind password is write-only (a stored one is kept unless replaced). */
export function LdapForm({
  initial,
  hasBindPassword,
  configured,
}: {
  initial: LdapSettingsValues;
  hasBindPassword: boolean;
  /** Whether settings are stored: when they are removed, the form starts again from the empty ones. */
  configured: boolean;
}) {
  const ready = useHydrated();
  const {
    values,
    setValues,
    errors,
    setErrors,
    status,
    pending: saving,
    submit,
    validate,
    secretHint,
  } = useSealedSettingsForm({
    initial,
    configured,
    secret: { key: "bindPassword", stored: hasBindPassword, missing: "Enter the Bind password of the service account." },
    schema: ldapSettingsSchema,
    save: saveDirectoryAction,
    savedText: () => "Saved. Directory users can sign in now.",
  });
  const [testUser, setTestUser] = useState("");
  const test = useStatusAction(consoleUnreachable());

  return (
    <SettingsForm onSubmit={submit}>
      {TEXT_FIELDS.map((f) => (
        <div key={f.key} className="flex flex-col gap-4">
          <SettingsField
            form="ldap"
            field={f}
            value={values[f.key]}
            hint={f.secret ? secretHint : f.hint}
            error={errors[f.key]}
            disabled={saving}
            onChange={(value) => setValues({ ...values, [f.key]: value })}
          />
          {f.key === "serverUrl" ? (
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-(--color-accent)"
                checked={values.startTls}
                disabled={saving}
                aria-describedby={errors.startTls ? "ldap-startTls-error" : undefined}
                onChange={(e) => setValues({ ...values, startTls: e.target.checked })}
              />
              <span>
                StartTLS
                <span className="block text-[13px] text-zinc-500 dark:text-zinc-400">
                  Encrypt an ldap:// connection before the passwords travel.
                </span>
                {errors.startTls ? (
                  <span id="ldap-startTls-error" className="block text-red-600 dark:text-red-400">
                    {errors.startTls}
                  </span>
                ) : null}
              </span>
            </label>
          ) : null}
        </div>
      ))}
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-(--color-accent)"
          checked={values.localAdminsOnly}
          disabled={saving}
          onChange={(e) => setValues({ ...values, localAdminsOnly: e.target.checked })}
        />
        <span>
          Local administrators only
          <span className="block text-[13px] text-zinc-500 dark:text-zinc-400">
            Once the directory works: local users other than administrators can no longer sign in. Local administrators always
            can, so an outage of the directory never locks the console.
          </span>
        </span>
      </label>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={!ready || saving}>
            {saving ? "Saving…" : "Save"}
          </Button>
        </div>
        <StatusLine status={status} />
      </div>
      <fieldset className="flex flex-col gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <legend className="sr-only">Test connection</legend>
        <Field
          label="Username to look up"
          htmlFor="ldap-test-user"
          hint="Test connection binds with the settings above and searches this user; nothing is saved."
        >
          <Input
            id="ldap-test-user"
            value={testUser}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="ldap-test-user-hint"
            onChange={(e) => setTestUser(e.target.value)}
          />
        </Field>
        <div>
          <Button
            disabled={!ready || test.pending}
            onClick={() => {
              test.setStatus(null);
              if (!validate(values)) {
                test.setStatus({ tone: "error", text: "Check the highlighted fields." });
                return;
              }
              if (!testUser.trim()) {
                test.setStatus({ tone: "error", text: "Enter a username to look up." });
                return;
              }
              test.run(async () => {
                const result = await testConnectionAction({ settings: values, username: testUser });
                if (result.ok) return { tone: result.data.ok ? "success" : "error", text: result.data.text };
                setErrors(result.error.fieldErrors ?? {});
                return { tone: "error", text: result.error.message };
              });
            }}
          >
            {test.pending ? "Testing…" : "Test connection"}
          </Button>
        </div>
        <StatusLine status={test.status} />
      </fieldset>
    </SettingsForm>
  );
}
