"use client";

import { Field, fieldDescribedBy, Input, Textarea } from "@/components/ui/field";

/** One text field of a directory settings form; `secret`: the write-only one (a password field). */
export type SettingsFieldSpec<K extends string> = { key: K; label: string; hint?: string; secret?: boolean; area?: boolean };

/**
 * A directory settings form's text field (LDAP, OpenID Connect): never spell-checked or autofilled, a
 * secret as a new password, a PEM in a monospaced area.
 */
export function SettingsField<K extends string>({
  form,
  field,
  value,
  hint,
  error,
  disabled,
  onChange,
}: {
  /** The form's id prefix, e.g. "ldap". */
  form: string;
  field: SettingsFieldSpec<K>;
  value: string;
  hint: string | undefined;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const id = `${form}-${field.key}`;
  const common = {
    id,
    value,
    disabled,
    invalid: Boolean(error),
    spellCheck: false,
    autoComplete: field.secret ? "new-password" : "off",
    "aria-describedby": fieldDescribedBy(id, { hint, error }),
  };
  return (
    <Field label={field.label} htmlFor={id} hint={hint} error={error}>
      {field.area ? (
        <Textarea {...common} rows={4} className="font-mono text-[12px]" onChange={(e) => onChange(e.target.value)} />
      ) : (
        <Input {...common} type={field.secret ? "password" : "text"} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
