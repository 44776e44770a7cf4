"use client";

import { fieldDescribedBy, Textarea } from "@/components/ui/field";
import { REVOKE_REASON_LABELS, REVOKE_REASON_TEXT_MAX_LENGTH, REVOKE_REASONS, type RevokeReason } from "@/lib/tokens";

export type RevokeReasonValue = { reason: RevokeReason | null; reasonText: string };
export const NO_REASON: RevokeReasonValue = { reason: null, reasonText: "" };

type Props = {
  /** Unique per dialog (ids of the radios and the text). */
  idPrefix: string;
  value: RevokeReasonValue;
  onChange: (value: RevokeReasonValue) => void;
  errors?: Record<string, string>;
  disabled?: boolean;
};

/** The revoke confirmation's `Reason`: Compromised, No longer needed, Replaced, or Other with a short text. */
export function RevokeReasonField({ idPrefix, value, onChange, errors = {}, disabled }: Props) {
  const textId = `${idPrefix}-reason-text`;
  return (
    <fieldset disabled={disabled} className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-zinc-900 dark:text-zinc-100">Reason</legend>
      <div className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2">
        {REVOKE_REASONS.map((reason) => (
          <label key={reason} className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
            <input
              type="radio"
              name={`${idPrefix}-reason`}
              value={reason}
              checked={value.reason === reason}
              onChange={() => onChange({ ...value, reason })}
              className="size-4 accent-blue-600 dark:accent-blue-500"
            />
            {REVOKE_REASON_LABELS[reason]}
          </label>
        ))}
      </div>
      {value.reason === "OTHER" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={textId} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
            Why?
          </label>
          <Textarea
            id={textId}
            rows={2}
            maxLength={REVOKE_REASON_TEXT_MAX_LENGTH}
            value={value.reasonText}
            onChange={(event) => onChange({ ...value, reasonText: event.target.value })}
            invalid={Boolean(errors.reasonText)}
            aria-describedby={fieldDescribedBy(textId, { error: errors.reasonText })}
          />
          {errors.reasonText ? (
            <p id={`${textId}-error`} className="text-sm text-red-600 dark:text-red-400">
              {errors.reasonText}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
