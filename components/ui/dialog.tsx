"use client";

import { useId, useLayoutEffect, useRef, type MouseEvent, type ReactNode, type RefObject } from "react";
import { useHydrated } from "./use-hydrated";
import { createPortal } from "react-dom";
import { cn } from "./cn";

type DialogCloseReason = "escape" | "backdrop";

export type DialogProps = {
  open: boolean;
  /** Escape or a backdrop click asks to close; the parent decides (it may refuse by keeping `open`). */
  onRequestClose: (reason: DialogCloseReason) => void;
  title: string;
  description?: ReactNode;
  role?: "dialog" | "alertdialog";
  children?: ReactNode;
  /** Buttons row. To submit a form in `children` from here, give the button `form="<form id>"`. */
  footer?: ReactNode;
  /** Focused after opening; otherwise the browser focuses the first focusable element. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  className?: string;
};

/**
 * Modal on the native <dialog> (showModal: top layer, inert page, focus trapped and restored).
 * Children are only rendered while open, so secrets they show leave the DOM on close.
 */
export function Dialog({
  open,
  onRequestClose,
  title,
  description,
  role = "dialog",
  children,
  footer,
  initialFocusRef,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const openRef = useRef(open);
  const pressStartedOnBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();

  // Layout effect: open/close in the same frame the children appear/disappear (no empty-box flash).
  useLayoutEffect(() => {
    openRef.current = open;
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      if (initialFocusRef?.current) initialFocusRef.current.focus();
      else focusCheckedRadio(dialog);
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocusRef]);

  function isOnBackdrop(event: MouseEvent<HTMLDialogElement>) {
    if (event.target !== event.currentTarget) return false;
    const r = event.currentTarget.getBoundingClientRect();
    return event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom;
  }

  // Rendered into <body>: a dialog opened from a table row must survive the row being hidden (e.g. the
  // window narrows and the list switches to cards), and must not inherit the row's styles.
  const inBrowser = useHydrated();
  if (!inBrowser) return null;

  return createPortal(
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      tabIndex={-1}
      className={cn(
        // A dialog inherits styles from where it sits in the DOM (e.g. a right-aligned table cell): reset them.
        "m-auto text-left font-normal whitespace-normal w-[calc(100%-2rem)] max-w-lg max-h-[calc(100dvh-2rem)] overflow-hidden p-0",
        "rounded-lg border border-zinc-200 bg-white text-zinc-900 shadow-xl outline-hidden",
        "dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100",
        "open:flex open:flex-col",
        className,
      )}
      onKeyDown={(event) => {
        // Handle Escape ourselves: Chrome skips the cancelable `cancel` event on a repeated Escape.
        if (event.key !== "Escape" || event.defaultPrevented || event.nativeEvent.isComposing) return;
        event.preventDefault();
        event.stopPropagation();
        onRequestClose("escape");
      }}
      onCancel={(event) => {
        // Other close requests (e.g. Escape with focus outside, Android back).
        event.preventDefault();
        onRequestClose("escape");
      }}
      onClose={() => {
        // The browser closed it without the parent's consent: reopen and ask instead.
        const dialog = ref.current;
        if (openRef.current && dialog && !dialog.open) {
          dialog.showModal();
          onRequestClose("escape");
        }
      }}
      onMouseDown={(event) => {
        pressStartedOnBackdrop.current = isOnBackdrop(event);
      }}
      onClick={(event) => {
        const fromBackdrop = pressStartedOnBackdrop.current && isOnBackdrop(event);
        pressStartedOnBackdrop.current = false;
        if (fromBackdrop) onRequestClose("backdrop");
      }}
    >
      {open ? (
        <>
          <header className="px-5 pt-5 pb-3">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </div>
            ) : null}
          </header>
          {children ? <div className="min-h-0 flex-1 overflow-y-auto px-5 pt-1 pb-5">{children}</div> : null}
          {footer ? (
            <footer className="flex flex-col-reverse gap-2 border-t border-zinc-200 bg-zinc-50 px-5 py-3 sm:flex-row sm:justify-end dark:border-zinc-800 dark:bg-zinc-900/60">
              {footer}
            </footer>
          ) : null}
        </>
      ) : null}
    </dialog>,
    document.body,
  );
}

/**
 * showModal focuses the first focusable element; when that is a radio button of a group whose choice is
 * another option, the focus belongs on the chosen one (where Tab would land), or a keyboard user starts
 * on an option that is not selected.
 */
function focusCheckedRadio(dialog: HTMLDialogElement) {
  const active = document.activeElement;
  if (!(active instanceof HTMLInputElement) || active.type !== "radio" || active.checked || !active.name) return;
  dialog.querySelector<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(active.name)}"]:checked`)?.focus();
}
