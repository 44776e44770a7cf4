"use client";

import { useEffect, useRef } from "react";
import { Notice } from "./notice";

/** A field an error summary can name: what the person reads, and the control to take them to. */
export type SummaryField = { label: string; controlId: string };

type Props = {
  errors: Record<string, string>;
  fields: Record<string, SummaryField>;
  /**
   * Counts the failed submissions: each new value moves the focus to the summary, so that it is read
   * out once per attempt and not while the person corrects a field.
   */
  attempt: number;
};

/**
 * The errors of a submission, listed above the form: it takes the focus and is announced, and each entry
 * is a link to its field. The messages also stay beside their fields.
 */
export function ErrorSummary({ errors, fields, attempt }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).flatMap(([name, message]) => {
    const field = fields[name];
    return field ? [{ name, message, ...field }] : [];
  });
  const shown = entries.length > 0;

  useEffect(() => {
    if (attempt > 0 && shown) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new attempt moves the focus, not an error that clears while typing.
  }, [attempt]);

  if (!shown) return null;
  return (
    <Notice
      ref={ref}
      tabIndex={-1}
      tone="danger"
      role="alert"
      aria-labelledby="error-summary-title"
      className="outline-hidden focus-visible:ring-2 focus-visible:ring-red-500/40"
      title={
        <span id="error-summary-title">
          {entries.length === 1 ? "Fix this field to continue" : `Fix these ${entries.length} fields to continue`}
        </span>
      }
    >
      <ul className="flex flex-col gap-0.5">
        {entries.map((entry) => (
          <li key={entry.name}>
            <a
              href={`#${entry.controlId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(entry.controlId)?.focus();
              }}
            >
              {entry.label}: {entry.message}
            </a>
          </li>
        ))}
      </ul>
    </Notice>
  );
}
