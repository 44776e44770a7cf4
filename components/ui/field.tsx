import type { ComponentPropsWithRef, ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon, ChevronDownIcon } from "./icons";

/** ids Field gives its hint and error, for the control's aria-describedby. */
function fieldIds(htmlFor: string) {
  return { hint: `${htmlFor}-hint`, error: `${htmlFor}-error` };
}

/** aria-describedby value for a control inside a Field with the given hint/error. */
export function fieldDescribedBy(htmlFor: string, { hint, error }: { hint?: unknown; error?: unknown }) {
  const ids = fieldIds(htmlFor);
  return cn(hint ? ids.hint : false, error ? ids.error : false) || undefined;
}

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm text-red-600 dark:text-red-400">
      <AlertIcon className="mt-0.5 size-3.5" />
      <span>{children}</span>
    </p>
  );
}

/** A field's hint and error, below the control, with the ids its aria-describedby points at. */
function FieldMessages({ ids, hint, error }: { ids: ReturnType<typeof fieldIds>; hint?: ReactNode; error?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={ids.hint} className="text-[13px] text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={ids.error}>{error}</FieldError> : null}
    </>
  );
}

export type FieldProps = {
  label: ReactNode;
  htmlFor: string;
  hint?: ReactNode;
  /** Rendered with id `${htmlFor}-error`; point the control's aria-describedby at it. */
  error?: ReactNode;
  children: ReactNode;
  className?: string;
};

export function Field({ label, htmlFor, hint, error, children, className }: FieldProps) {
  const ids = fieldIds(htmlFor);
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={htmlFor} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
        {label}
      </label>
      {children}
      <FieldMessages ids={ids} hint={hint} error={error} />
    </div>
  );
}

/** A filter bar's control with its small label above (the lists' filters, an export's format). */
export function FilterField({ label, htmlFor, children, className }: Omit<FieldProps, "hint" | "error">) {
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      {children}
    </div>
  );
}

// 16px text below `sm` stops iOS Safari from zooming into focused fields.
const control =
  "block w-full rounded-md border bg-white text-base text-zinc-900 shadow-xs transition-colors sm:text-sm " +
  "placeholder:text-zinc-400 focus-visible:outline-hidden focus-visible:ring-2 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 " +
  "dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:disabled:bg-zinc-800 dark:disabled:text-zinc-400";

function controlState(invalid: boolean | undefined) {
  return invalid
    ? "border-red-500 focus-visible:border-red-500 focus-visible:ring-red-500/30 dark:border-red-500"
    : "border-zinc-300 focus-visible:border-accent focus-visible:ring-accent/30 dark:border-zinc-700";
}

const readOnly = "read-only:bg-zinc-50 dark:read-only:bg-zinc-950";

type InvalidProp = { invalid?: boolean };

export function Input({ invalid, className, ...props }: ComponentPropsWithRef<"input"> & InvalidProp) {
  return (
    <input
      aria-invalid={invalid || undefined}
      className={cn(control, controlState(invalid), readOnly, "h-9 px-3", className)}
      {...props}
    />
  );
}

export function Textarea({ invalid, className, ...props }: ComponentPropsWithRef<"textarea"> & InvalidProp) {
  return (
    <textarea
      aria-invalid={invalid || undefined}
      className={cn(
        control,
        controlState(invalid),
        readOnly,
        "min-h-20 px-3 py-2",
        className?.includes("resize-") ? null : "resize-y",
        className,
      )}
      {...props}
    />
  );
}

/** `className` sizes the box, the select and its arrow together (on the select alone the arrow would stay behind). */
export function Select({ invalid, className, children, ...props }: ComponentPropsWithRef<"select"> & InvalidProp) {
  return (
    <div className={cn("relative", className)}>
      <select
        aria-invalid={invalid || undefined}
        className={cn(control, controlState(invalid), "h-9 appearance-none pr-9 pl-3")}
        {...props}
      >
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-zinc-500 dark:text-zinc-400" />
    </div>
  );
}

type RadioCardOption<V extends string = string> = {
  value: V;
  label: string;
  description?: ReactNode;
  /** "caution" marks a riskier choice with an amber warning icon. */
  tone?: "default" | "caution";
};

export type RadioCardGroupProps<V extends string = string> = {
  name: string;
  legend: ReactNode;
  options: readonly RadioCardOption<V>[];
  value: V | null | undefined;
  onChange: (value: V) => void;
  /** Rendered with id `${name}-error`. */
  error?: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  className?: string;
};

/** Radio buttons shown as cards: a labelled radiogroup whose radios are named by their label only. */
export function RadioCardGroup<V extends string = string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  disabled,
  required,
  className,
}: RadioCardGroupProps<V>) {
  const ids = fieldIds(name);
  const legendId = `${name}-legend`;
  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={fieldDescribedBy(name, { hint, error })}
      aria-invalid={error ? true : undefined}
      aria-required={required || undefined}
      disabled={disabled}
      className={cn("flex min-w-0 flex-col gap-1.5", className)}
    >
      <legend id={legendId} className="mb-1.5 text-sm font-medium text-zinc-900 dark:text-zinc-100">
        {legend}
      </legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {options.map((option) => {
          const optionId = `${name}-${option.value}`;
          return (
            <label
              key={option.value}
              className={cn(
                "flex cursor-pointer gap-3 rounded-lg border bg-white p-3 transition-colors dark:bg-zinc-900",
                "hover:border-zinc-400 dark:hover:border-zinc-600",
                "has-checked:border-accent has-checked:bg-blue-50/60 has-checked:ring-1 has-checked:ring-accent dark:has-checked:bg-blue-500/10",
                "has-focus-visible:ring-2 has-focus-visible:ring-accent/40",
                "has-disabled:cursor-not-allowed has-disabled:opacity-60",
                error ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700",
              )}
            >
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                required={required}
                aria-labelledby={`${optionId}-label`}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
                className="mt-0.5 size-4 shrink-0 accent-blue-600 focus-visible:outline-hidden dark:accent-blue-500"
              />
              <span className="min-w-0">
                <span className="flex items-center gap-1.5 font-medium text-zinc-900 dark:text-zinc-100">
                  <span id={`${optionId}-label`}>{option.label}</span>
                  {option.tone === "caution" ? <AlertIcon className="size-3.5 text-amber-600 dark:text-amber-400" /> : null}
                </span>
                {option.description ? (
                  <span id={`${optionId}-description`} className="mt-0.5 block text-zinc-600 dark:text-zinc-400">
                    {option.description}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
      <FieldMessages ids={ids} hint={hint} error={error} />
    </fieldset>
  );
}
