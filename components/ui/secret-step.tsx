"use client";

import { useEffect, useRef } from "react";
import { Button } from "./button";
import { Notice } from "./notice";

/**
 * A one-time secret's step, shared by Create New and Rotate (a token) and by Users (a generated
 * password): the secret is shown once and never stored,
 * so nothing may discard it silently. Done, Escape and an outside click ask "Did you copy the token?"
 * until a Copy has succeeded, and leaving or reloading the page asks the browser's own question.
 */
export type SecretStepState = { copied: boolean; confirmingClose: boolean };

/** While `active`, leaving or reloading the page asks first (the browser's own prompt). */
export function useLeaveWarning(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- deliberate: browsers before Chrome 119 show the prompt only when it is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}

/** Done, or (once a close was asked for) Go back and the close itself. */
export function SecretStepFooter({
  state,
  onChange,
  onClose,
}: {
  state: SecretStepState;
  onChange: (next: SecretStepState) => void;
  onClose: () => void;
}) {
  const goBackRef = useRef<HTMLButtonElement>(null);
  // The question replaces the Done button that had the focus: put it on the safe answer.
  useEffect(() => {
    if (state.confirmingClose) goBackRef.current?.focus();
  }, [state.confirmingClose]);

  if (state.confirmingClose) {
    return (
      <>
        <Button ref={goBackRef} variant="secondary" onClick={() => onChange({ ...state, confirmingClose: false })}>
          Go back
        </Button>
        <Button variant={state.copied ? "primary" : "danger"} onClick={onClose}>
          {state.copied ? "Yes, close" : "Close without copying"}
        </Button>
      </>
    );
  }
  return (
    // Done is a close like any other: before a successful Copy it asks first.
    <Button variant="primary" onClick={() => (state.copied ? onClose() : onChange({ ...state, confirmingClose: true }))}>
      Done
    </Button>
  );
}

/** The question, above the footer while a close waits for an answer. */
export function CloseQuestion({ state, secret = "token" }: { state: SecretStepState; secret?: "token" | "password" }) {
  if (!state.confirmingClose) return null;
  return (
    <Notice tone={state.copied ? "info" : "danger"} role="alert" title={`Did you copy the ${secret}?`}>
      {state.copied
        ? `You copied it. Once closed, the ${secret} cannot be shown again.`
        : `You have not copied it yet. The ${secret} is not stored: once closed, it cannot be shown again.`}
    </Notice>
  );
}
