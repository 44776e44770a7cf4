"use client";

import { useState, useTransition, type Dispatch, type SetStateAction } from "react";
import type { ActionResult } from "@/lib/action-result";

type Options = {
  /** Said when the action could not be reached at all (network, server gone): what did not happen. */
  unreachable: string;
  /**
   * The fields this form shows errors next to: the action's message is shown only when none of them has
   * one. Without it, any field errors replace the message.
   */
  fields?: readonly string[];
};

export type ActionSubmit = {
  fieldErrors: Record<string, string>;
  setFieldErrors: Dispatch<SetStateAction<Record<string, string>>>;
  /** The form-level message (an error the fields do not show, or the console unreachable). */
  message: string | null;
  setMessage: Dispatch<SetStateAction<string | null>>;
  pending: boolean;
  /** How many submissions the action refused with field errors (an error summary moves the focus on each). */
  refusals: number;
  /** Calls the action in a transition; on success `onSuccess`, otherwise the errors go where they belong. */
  submit: <T>(call: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void) => void;
};

/** A form or dialog calling one server action: pending state, field errors beside their fields, one message otherwise. */
export function useActionSubmit({ unreachable, fields }: Options): ActionSubmit {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [refusals, setRefusals] = useState(0);

  function submit<T>(call: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void) {
    setFieldErrors({});
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await call();
        if (result.ok) {
          onSuccess(result.data);
          return;
        }
        const errors = result.error.fieldErrors;
        const shownBesideAField = fields ? fields.some((field) => errors?.[field]) : errors !== undefined;
        // Updates after an await are not part of the transition unless marked again: unmarked, the errors
        // showed a moment before `pending` ended, beside fields still disabled (dimmed, and not focusable).
        startTransition(() => {
          setFieldErrors(errors ?? {});
          if (errors) setRefusals((n) => n + 1);
          setMessage(shownBesideAField ? null : result.error.message);
        });
      } catch {
        startTransition(() => setMessage(unreachable));
      }
    });
  }

  return { fieldErrors, setFieldErrors, message, setMessage, pending, refusals, submit };
}
