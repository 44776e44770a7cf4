"use client";

import { useState } from "react";
import { Field, Input, fieldDescribedBy } from "@/components/ui/field";
import { SaveWithAction, useStatusAction } from "@/components/ui/status-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SettingsForm, useSettingsSave } from "@/components/ui/use-settings-save";
import { checkNowAction, saveWhenSettingsAction } from "../actions";
import { whenSettingsSchema } from "@/modules/notifications/shared/settings-schema";

export type WhenFormValues = { warnDays: string; dailyDigest: boolean; consoleUrl: string };

const WARN_HINT = "Whole days, largest first, e.g. 30, 7, 1. Each threshold warns once per token.";
const URL_HINT = "Links in notifications point here. Empty: NEXTAUTH_URL.";

/** When to warn (thresholds, digest, the console's address in links) and Check now. */
export function WhenForm({ initial, canEdit }: { initial: WhenFormValues; canEdit: boolean }) {
  const ready = useHydrated();
  const [values, setValues] = useState(initial);
  const {
    errors,
    status,
    setStatus,
    pending,
    submit: save,
  } = useSettingsSave({
    schema: whenSettingsSchema,
    save: saveWhenSettingsAction,
    savedText: "Settings saved.",
  });
  const check = useStatusAction();
  const submit = () => save(values);

  return (
    <SettingsForm onSubmit={() => canEdit && submit()}>
      <fieldset disabled={pending} className="grid gap-4 sm:grid-cols-2">
        <Field label="Warn before expiry (days)" htmlFor="when-warn-days" hint={WARN_HINT} error={errors.warnDays}>
          <Input
            id="when-warn-days"
            value={values.warnDays}
            onChange={(e) => {
              setValues({ ...values, warnDays: e.target.value });
              setStatus(null);
            }}
            readOnly={!canEdit}
            invalid={Boolean(errors.warnDays)}
            aria-describedby={fieldDescribedBy("when-warn-days", { hint: WARN_HINT, error: errors.warnDays })}
          />
        </Field>
        <Field label="Console URL" htmlFor="when-console-url" hint={URL_HINT} error={errors.consoleUrl}>
          <Input
            id="when-console-url"
            type="url"
            value={values.consoleUrl}
            onChange={(e) => {
              setValues({ ...values, consoleUrl: e.target.value });
              setStatus(null);
            }}
            readOnly={!canEdit}
            invalid={Boolean(errors.consoleUrl)}
            aria-describedby={fieldDescribedBy("when-console-url", { hint: URL_HINT, error: errors.consoleUrl })}
          />
        </Field>
        <label className="flex items-start gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-(--color-accent)"
            checked={values.dailyDigest}
            disabled={!canEdit}
            aria-describedby="when-digest-hint"
            onChange={(e) => {
              setValues({ ...values, dailyDigest: e.target.checked });
              setStatus(null);
            }}
          />
          <span className="flex flex-col gap-0.5">
            <span className="font-medium">Daily digest</span>
            <span id="when-digest-hint" className="text-[13px] text-zinc-500 dark:text-zinc-400">
              One email a day listing every token that crossed a threshold, instead of one email per token. Webhooks still get
              each event.
            </span>
          </span>
        </label>
      </fieldset>
      {canEdit ? (
        <SaveWithAction
          ready={ready}
          saving={pending}
          saveStatus={status}
          action={check}
          label="Check now"
          busyLabel="Checking…"
          onAction={() =>
            check.run(async () => {
              const result = await checkNowAction({});
              if (!result.ok) return { tone: "error", text: result.error.message };
              if (!result.data.configured)
                return { tone: "error", text: "Nothing checked: save an SMTP host, a From address and recipients first." };
              return {
                tone: "success",
                text:
                  result.data.queued === 0
                    ? "Checked: nothing new to tell."
                    : `Checked: ${result.data.queued} notification${result.data.queued === 1 ? "" : "s"} queued.`,
              };
            })
          }
        />
      ) : null}
    </SettingsForm>
  );
}
