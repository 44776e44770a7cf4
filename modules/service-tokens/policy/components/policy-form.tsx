"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, fieldDescribedBy } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SettingsForm, StatusLine, useSettingsSave } from "@/components/ui/use-settings-save";
import {
  EXPIRY_PRESETS,
  POLICY_MAX_DAYS,
  REVOKE_UNUSED_MAX_DAYS,
  REVOKE_UNUSED_MIN_DAYS,
  tokenPolicySchema,
  UNUSED_REVOCATION_NOTICE_DAYS,
  type TokenPolicy,
} from "@/lib/tokens";
import { updateTokenPolicyAction } from "../actions";

type Values = { connectorMaxDays: string; developerMaxDays: string; defaultExpiration: string; revokeUnusedDays: string };

const toValues = (p: TokenPolicy): Values => ({
  connectorMaxDays: String(p.connectorMaxDays),
  developerMaxDays: String(p.developerMaxDays),
  defaultExpiration: p.defaultExpiration,
  revokeUnusedDays: p.revokeUnusedDays === null ? "" : String(p.revokeUnusedDays),
});

/** Settings > Token Policy. Viewers see the same fields, read-only. */
export function PolicyForm({ initial, canEdit }: { initial: TokenPolicy; canEdit: boolean }) {
  const [values, setValues] = useState<Values>(() => toValues(initial));
  const { errors, status, setStatus, pending, submit } = useSettingsSave({
    schema: tokenPolicySchema,
    save: updateTokenPolicyAction,
    savedText: "Token policy saved.",
    onSaved: (saved) => setValues(toValues(saved)),
    alsoSay: ({ unusedNow, revokeUnusedDays }) =>
      unusedNow > 0
        ? ` ${unusedNow} ${unusedNow === 1 ? "token" : "tokens"} unused for ${revokeUnusedDays} days or more will be revoked within the hour.`
        : "",
  });
  const set = (key: keyof Values, value: string) => {
    setValues({ ...values, [key]: value });
    setStatus(null);
  };

  const days = (
    key: "connectorMaxDays" | "developerMaxDays" | "revokeUnusedDays",
    label: string,
    [min, max]: [number, number],
    hint = `${min} to ${max} days.`,
  ) => (
    <Field label={label} htmlFor={key} hint={hint} error={errors[key]}>
      <Input
        id={key}
        name={key}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={values[key]}
        onChange={(event) => set(key, event.target.value)}
        readOnly={!canEdit}
        required={key !== "revokeUnusedDays"}
        invalid={Boolean(errors[key])}
        aria-describedby={fieldDescribedBy(key, { hint: true, error: errors[key] })}
        className="sm:max-w-40"
      />
    </Field>
  );

  return (
    <SettingsForm onSubmit={() => canEdit && submit(values)} className="flex flex-col gap-5">
      {!canEdit ? (
        <Notice tone="info" title="Read only">
          Only administrators can change the token policy.
        </Notice>
      ) : null}
      <fieldset disabled={pending} className="contents">
        {days("connectorMaxDays", "Maximum lifetime of Connector tokens (days)", [1, POLICY_MAX_DAYS])}
        {days("developerMaxDays", "Maximum lifetime of Developer tokens (days)", [1, POLICY_MAX_DAYS])}
        <Field
          label="Default expiration"
          htmlFor="defaultExpiration"
          hint="What the Create and Rotate dialogs start with, when the type's limit allows it."
          error={errors.defaultExpiration}
        >
          <Select
            id="defaultExpiration"
            name="defaultExpiration"
            value={values.defaultExpiration}
            onChange={(event) => set("defaultExpiration", event.target.value)}
            disabled={!canEdit}
            invalid={Boolean(errors.defaultExpiration)}
            aria-describedby={fieldDescribedBy("defaultExpiration", { hint: true, error: errors.defaultExpiration })}
            className="sm:max-w-60"
          >
            {EXPIRY_PRESETS.map((preset) => (
              <option key={preset.value} value={preset.value}>
                {preset.label}
              </option>
            ))}
          </Select>
        </Field>
        {days(
          "revokeUnusedDays",
          "Revoke tokens unused for (days)",
          [REVOKE_UNUSED_MIN_DAYS, REVOKE_UNUSED_MAX_DAYS],
          `Empty: never. ${REVOKE_UNUSED_MIN_DAYS} to ${REVOKE_UNUSED_MAX_DAYS} days since a token's last use (or its creation, if never used); checked every hour, revoked with reason Unused. The list flags tokens ${UNUSED_REVOCATION_NOTICE_DAYS} days ahead.`,
        )}
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <StatusLine status={status} />
        </div>
      ) : null}
    </SettingsForm>
  );
}
