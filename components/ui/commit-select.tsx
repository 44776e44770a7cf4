"use client";

import { useRef, useState, type ComponentPropsWithRef } from "react";
import { cn } from "./cn";
import { Select } from "./field";

/** Keys that step a closed select to another option (a printable key jumps to an option by its first letter). */
const STEPPING_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

type Props = Omit<ComponentPropsWithRef<"select">, "value" | "defaultValue" | "onChange"> & {
  id: string;
  value: string;
  /** Called with a value the person settled on. */
  onCommit: (value: string) => void;
};

/**
 * A select whose change takes effect (e.g. reloads a list) only once the person settles on a value: a
 * pick from the open list applies at once, but stepping through a closed select with the arrow keys or a
 * letter only moves the choice, applied with Enter or on leaving the field. Otherwise each arrow press
 * would load a new page under the keyboard user (WCAG 3.2.2, On Input).
 */
export function CommitSelect({ id, value, onCommit, onKeyDown, onBlur, "aria-describedby": describedBy, ...props }: Props) {
  const [shown, setShown] = useState(value);
  const [committed, setCommitted] = useState(value);
  const stepping = useRef(false);
  // A new value from outside (the page after the navigation, Back) replaces what is shown.
  if (committed !== value) {
    setCommitted(value);
    setShown(value);
  }

  function commit(next: string) {
    if (next !== value) onCommit(next);
  }

  const hintId = `${id}-commit-hint`;
  return (
    <>
      <Select
        id={id}
        value={shown}
        aria-describedby={cn(describedBy, hintId)}
        onKeyDown={(event) => {
          onKeyDown?.(event);
          if (event.key === "Enter" && shown !== value) {
            event.preventDefault();
            commit(shown);
            return;
          }
          stepping.current = !event.altKey && (STEPPING_KEYS.has(event.key) || (event.key.length === 1 && event.key !== " "));
        }}
        onChange={(event) => {
          setShown(event.target.value);
          if (stepping.current) {
            stepping.current = false;
            return;
          }
          commit(event.target.value);
        }}
        onBlur={(event) => {
          onBlur?.(event);
          commit(shown);
        }}
        {...props}
      />
      <span id={hintId} className="sr-only">
        With the arrow keys, press Enter to apply.
      </span>
    </>
  );
}
