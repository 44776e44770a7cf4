"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { ZodType } from "zod";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { consoleUnreachable } from "@/components/ui/unreachable";

/** What a settings form last said: saved, nothing changed, or what went wrong. */
export type FormStatus = { tone: "success" | "error"; text: string } | null;

/** A form's status line, announced politely; red for an error. */
export function StatusLine({ status }: { status: FormStatus }) {
  return (
    <p
      role="status"
      className={status?.tone === "error" ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-zinc-700 dark:text-zinc-300"}
    >
      {status?.text ?? ""}
    </p>
  );
}

/** A settings form: checked by its own code (noValidate), sent by `onSubmit`, never by the browser. */
export function SettingsForm({
  onSubmit,
  className = "flex flex-col gap-4",
  children,
}: {
  onSubmit: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

type Options<I, D> = {
  /** Checked in the browser first: the same schema the action checks. */
  schema: ZodType;
  /** What the schema cannot say, e.g. a required field the server may fill; the schema's errors go first. */
  check?: (input: I) => Record<string, string>;
  save: (input: I) => Promise<ActionResult<D>>;
  /** Said on success when something changed (or when the action's answer has no `changed`). */
  savedText: string | ((input: I) => string);
  /** Said after it on success, e.g. what the saved settings will do. */
  alsoSay?: (data: D) => string;
  onSaved?: (data: D) => void;
  /** Takes the refusal's field errors and returns those to show beside the fields. */
  onRefused?: (fieldErrors: Record<string, string>) => Record<string, string>;
  /** Said when the action cannot be reached. */
  unreachable?: string;
};

/**
 * Saving a settings form through its action: the browser-side check, the field errors beside their
 * fields, and one status line (saved, "Nothing changed.", the refusal, or the console unreachable).
 */
export function useSettingsSave<I, D extends object>({
  schema,
  check,
  save,
  savedText,
  alsoSay,
  onSaved,
  onRefused,
  unreachable = consoleUnreachable("nothing was saved"),
}: Options<I, D>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();

  /** Runs the browser-side checks and shows their errors; true when there are none. */
  function validate(input: I): boolean {
    const checked = schema.safeParse(input);
    const found = { ...check?.(input), ...(checked.success ? {} : fieldErrorsOf(checked.error)) };
    setErrors(found);
    return Object.keys(found).length === 0;
  }

  function submit(input: I) {
    if (!validate(input)) {
      setStatus({ tone: "error", text: "Check the highlighted fields." });
      return;
    }
    startTransition(async () => {
      try {
        const result = await save(input);
        if (result.ok) {
          onSaved?.(result.data);
          const said =
            "changed" in result.data && result.data.changed === false
              ? "Nothing changed."
              : typeof savedText === "string"
                ? savedText
                : savedText(input);
          setStatus({ tone: "success", text: alsoSay ? `${said}${alsoSay(result.data)}` : said });
        } else {
          const fieldErrors = result.error.fieldErrors ?? {};
          setErrors(onRefused ? onRefused(fieldErrors) : fieldErrors);
          setStatus({ tone: "error", text: result.error.message });
        }
      } catch {
        setStatus({ tone: "error", text: unreachable });
      }
    });
  }

  return { errors, setErrors, status, setStatus, pending, submit, validate };
}
