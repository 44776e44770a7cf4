"use client";

import { useState } from "react";
import type { ZodType } from "zod";
import { useSettingsSave } from "@/components/ui/use-settings-save";
import type { ActionResult } from "@/lib/action-result";
import { consoleUnreachable } from "@/components/ui/unreachable";

type Options<V> = {
  initial: V;
  /** Whether settings are stored: when they are removed, the form starts again from the empty ones. */
  configured: boolean;
  /** The write-only secret's field: a stored secret is kept when it is left empty. */
  secret: { key: keyof V & string; stored: boolean; missing: string };
  schema: ZodType;
  save: (values: V) => Promise<ActionResult<object>>;
  savedText: (values: V) => string;
};

/**
 * The state of a directory settings form (LDAP, OpenID Connect): its values, kept after a save but for the
 * secret, which is never shown again; emptied when the settings are removed.
 */
export function useSealedSettingsForm<V extends Record<string, unknown>>({
  initial,
  configured,
  secret,
  schema,
  save,
  savedText,
}: Options<V>) {
  const [values, setValues] = useState(initial);
  const form = useSettingsSave({
    schema,
    check: (v: V) => (!v[secret.key] && !secret.stored ? { [secret.key]: secret.missing } : {}),
    save,
    savedText,
    onSaved: () => setValues((v) => ({ ...v, [secret.key]: "" })),
    unreachable: consoleUnreachable("nothing was saved"),
  });
  const [wasConfigured, setWasConfigured] = useState(configured);
  // Removed (here or elsewhere): show the empty settings. A save keeps the form, and its status line.
  if (wasConfigured !== configured) {
    setWasConfigured(configured);
    if (!configured) {
      setValues(initial);
      form.setErrors({});
      form.setStatus(null);
    }
  }

  return {
    ...form,
    values,
    setValues,
    submit: () => {
      form.setStatus(null);
      form.submit(values);
    },
    secretHint: secret.stored && !values[secret.key] ? "Stored and never shown again; leave empty to keep it." : undefined,
  };
}
