"use client";

import { Field, Input, RadioCardGroup, Select, Textarea, fieldDescribedBy } from "@/components/ui/field";
import {
  allowedExpirationValues,
  defaultExpirationFor,
  DESCRIPTION_MAX_LENGTH,
  maxDaysFor,
  type TokenPolicy,
  CUSTOM_EXPIRY,
  DEFAULT_EXPIRY,
  EXPIRATION_OPTIONS,
  ISSUED_TO_MAX_LENGTH,
  TOKEN_TYPE_DESCRIPTIONS,
  TOKEN_TYPE_LABELS,
  TOKEN_TYPES,
  expiresAtFromPreset,
  lastPickableDay,
  MAX_CUSTOM_EXPIRY_DAYS,
  presetDays,
  type ExpirationValue,
  type TokenType,
} from "@/lib/tokens";
import { Notice } from "@/components/ui/notice";
import { formatLocalDateTime } from "@/lib/format-date";

export type CreateTokenFormValues = {
  type: TokenType;
  issuedTo: string;
  expiration: ExpirationValue;
  /** yyyy-mm-dd from the date input, in the viewer's time zone. */
  customDate: string;
  description: string;
  /** CIDR ranges, one per line. */
  allowedAddresses: string;
  /** Email addresses, one per line. */
  notify: string;
};

export const INITIAL_VALUES: CreateTokenFormValues = {
  type: "CONNECTOR",
  issuedTo: "",
  expiration: DEFAULT_EXPIRY,
  customDate: "",
  description: "",
  allowedAddresses: "",
  notify: "",
};

/** The end of the picked day in the viewer's time zone, as the schema expects. */
export function customExpiresAtOf(customDate: string): string | null {
  const [y, m, d] = customDate.split("-").map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The days a custom expiration date may be picked from, in the viewer's time zone: from today (the
 * token then lasts until the end of today, which the server accepts too) to the last day whose end is
 * within the type's limit (the server's rule).
 */
export function customDateRange(now: Date, maxDays: number): { min: string; max: string } {
  return { min: dateInputValue(now), max: dateInputValue(lastPickableDay(now, maxDays)) };
}

function expiryPreview(values: CreateTokenFormValues): string | null {
  const days = presetDays(values.expiration);
  const expiresAt =
    days !== undefined
      ? expiresAtFromPreset(days, new Date())
      : values.customDate
        ? new Date(customExpiresAtOf(values.customDate) ?? "")
        : null;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) return null;
  if (expiresAt.getTime() <= Date.now()) return "This date is in the past.";
  const text = formatLocalDateTime(expiresAt, { weekday: "long", month: "long" });
  return `The token stops working on ${text}.`;
}

const TYPE_OPTIONS = TOKEN_TYPES.map((type) => ({
  value: type,
  label: TOKEN_TYPE_LABELS[type],
  description: TOKEN_TYPE_DESCRIPTIONS[type],
  tone: type === "DEVELOPER" ? ("caution" as const) : ("default" as const),
}));

type Props = {
  id: string;
  values: CreateTokenFormValues;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (values: CreateTokenFormValues) => void;
  onSubmit: () => void;
  /** The token policy: only the expiration choices it allows are offered (null while it loads: all). */
  policy?: TokenPolicy | null;
};

/** The fields of "Create New Service Token"; the dialog owns the state and the submit. */
export function CreateTokenForm({ id, values, errors, disabled, onChange, onSubmit, policy }: Props) {
  const set = <K extends keyof CreateTokenFormValues>(key: K, value: CreateTokenFormValues[K]) => {
    const next = { ...values, [key]: value };
    // A type with a shorter limit: fall back to a choice its policy allows.
    if (key === "type" && policy && !allowedExpirationValues(policy, next.type).includes(next.expiration)) {
      next.expiration = defaultExpirationFor(policy, next.type);
    }
    onChange(next);
  };
  const allowed = policy ? allowedExpirationValues(policy, values.type) : null;
  const maxDays = policy ? maxDaysFor(policy, values.type) : MAX_CUSTOM_EXPIRY_DAYS;
  const now = new Date();
  const preview = expiryPreview(values);

  return (
    <form
      id={id}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      className="flex flex-col gap-5"
    >
      <fieldset disabled={disabled} className="contents">
        <RadioCardGroup
          name="type"
          legend="Type"
          options={TYPE_OPTIONS}
          value={values.type}
          onChange={(type) => set("type", type)}
          error={errors.type}
          required
        />
        {values.type === "DEVELOPER" ? (
          <Notice tone="warning" title="Handle it with caution">
            A Developer token can call every API of the console, including listing service tokens and reading the audit log. Give
            it only to trusted automation, and prefer a short expiration.
          </Notice>
        ) : null}

        <Field
          label="Issued To"
          htmlFor="issuedTo"
          hint="Who or what uses this token, e.g. “Mail gateway connector”."
          error={errors.issuedTo}
        >
          <Input
            id="issuedTo"
            name="issuedTo"
            value={values.issuedTo}
            // Stops at 100 characters as a person counts them (code points): an HTML maxlength counts
            // UTF-16 units and would stop at 50 emoji.
            // eslint-disable-next-line @typescript-eslint/no-misused-spread -- splitting into code points is the intent (see above).
            onChange={(event) => set("issuedTo", [...event.target.value].slice(0, ISSUED_TO_MAX_LENGTH).join(""))}
            autoComplete="off"
            required
            invalid={Boolean(errors.issuedTo)}
            aria-describedby={fieldDescribedBy("issuedTo", { hint: true, error: errors.issuedTo })}
          />
        </Field>

        <Field label="Set Expiration Time" htmlFor="expiration" hint={preview} error={errors.expiration}>
          <Select
            id="expiration"
            name="expiration"
            value={values.expiration}
            onChange={(event) => set("expiration", event.target.value as ExpirationValue)}
            invalid={Boolean(errors.expiration)}
            aria-describedby={fieldDescribedBy("expiration", { hint: preview, error: errors.expiration })}
          >
            {EXPIRATION_OPTIONS.filter((option) => !allowed || allowed.includes(option.value)).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>

        {values.expiration === CUSTOM_EXPIRY ? (
          <Field label="Expiration date" htmlFor="customExpiresAt" error={errors.customExpiresAt}>
            <Input
              id="customExpiresAt"
              name="customExpiresAt"
              type="date"
              value={values.customDate}
              {...customDateRange(now, maxDays)}
              onChange={(event) => set("customDate", event.target.value)}
              required
              invalid={Boolean(errors.customExpiresAt)}
              aria-describedby={fieldDescribedBy("customExpiresAt", { error: errors.customExpiresAt })}
            />
          </Field>
        ) : null}

        <Field
          label="Description"
          htmlFor="description"
          hint="Optional: what this token is for, where it is deployed."
          error={errors.description}
        >
          <Input
            id="description"
            name="description"
            value={values.description}
            onChange={(event) => set("description", event.target.value)}
            maxLength={DESCRIPTION_MAX_LENGTH}
            autoComplete="off"
            invalid={Boolean(errors.description)}
            aria-describedby={fieldDescribedBy("description", { hint: true, error: errors.description })}
          />
        </Field>

        <Field
          label="Allowed addresses"
          htmlFor="allowedAddresses"
          hint="Optional: CIDR ranges, one per line, e.g. 192.0.2.0/24 or 2001:db8::/32. Empty: any address."
          error={errors.allowedAddresses}
        >
          <Textarea
            id="allowedAddresses"
            name="allowedAddresses"
            value={values.allowedAddresses}
            onChange={(event) => set("allowedAddresses", event.target.value)}
            rows={2}
            spellCheck={false}
            className="font-mono"
            invalid={Boolean(errors.allowedAddresses)}
            aria-describedby={fieldDescribedBy("allowedAddresses", { hint: true, error: errors.allowedAddresses })}
          />
        </Field>

        <Field
          label="Notify"
          htmlFor="notify"
          hint="Optional: email addresses, one per line, warned before it expires besides the global recipients."
          error={errors.notify}
        >
          <Textarea
            id="notify"
            name="notify"
            value={values.notify}
            onChange={(event) => set("notify", event.target.value)}
            rows={2}
            spellCheck={false}
            invalid={Boolean(errors.notify)}
            aria-describedby={fieldDescribedBy("notify", { hint: true, error: errors.notify })}
          />
        </Field>
      </fieldset>
    </form>
  );
}
