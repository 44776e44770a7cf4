"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, fieldDescribedBy } from "@/components/ui/field";
import { SettingsForm, StatusLine, useSettingsSave } from "@/components/ui/use-settings-save";
import { updateAuditSettingsAction } from "../actions";
import { auditSettingsSchema } from "@/modules/audit-forwarding/shared/destination-schema";

type Values = { hostname: string; appName: string; backlogMaxEvents: string; backlogMaxDays: string; retentionDays: string };

const FIELDS: { key: keyof Values; label: string; hint: string; numeric?: boolean }[] = [
  { key: "hostname", label: "Host name", hint: "HOSTNAME of forwarded messages. Empty: this machine's name." },
  { key: "appName", label: "APP-NAME", hint: "APP-NAME of forwarded messages. Empty: service-tokens." },
  {
    key: "backlogMaxEvents",
    label: "Backlog limit (events)",
    hint: "Per destination; past it the oldest events are skipped, and that is audited.",
    numeric: true,
  },
  {
    key: "backlogMaxDays",
    label: "Backlog limit (days)",
    hint: "Events older than this are not sent to a destination that was down.",
    numeric: true,
  },
  {
    key: "retentionDays",
    label: "Keep audit events (days)",
    hint: "Empty: forever. Older events are pruned daily; the chain stays verifiable.",
    numeric: true,
  },
];

/** Syslog identity, backlog limits and retention; viewers see them read-only. */
export function AuditSettingsForm({ initial, canEdit }: { initial: Values; canEdit: boolean }) {
  const [values, setValues] = useState(initial);
  const { errors, status, setStatus, pending, submit } = useSettingsSave({
    schema: auditSettingsSchema,
    save: updateAuditSettingsAction,
    savedText: "Audit settings saved.",
  });

  return (
    <SettingsForm onSubmit={() => canEdit && submit(values)}>
      <fieldset disabled={pending} className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map(({ key, label, hint, numeric }) => (
          <Field key={key} label={label} htmlFor={`audit-${key}`} hint={hint} error={errors[key]}>
            <Input
              id={`audit-${key}`}
              value={values[key]}
              inputMode={numeric ? "numeric" : undefined}
              onChange={(e) => {
                setValues({ ...values, [key]: e.target.value });
                setStatus(null);
              }}
              readOnly={!canEdit}
              invalid={Boolean(errors[key])}
              aria-describedby={fieldDescribedBy(`audit-${key}`, { hint, error: errors[key] })}
            />
          </Field>
        ))}
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </Button>
          <StatusLine status={status} />
        </div>
      ) : null}
    </SettingsForm>
  );
}
