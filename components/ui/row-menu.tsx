"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { ChevronDownIcon } from "./icons";

export type RowMenuItem = {
  /** What the item says. */
  label: string;
  /** Its accessible name when the label alone would be ambiguous (e.g. with the row's name). */
  name?: string;
  tone?: "default" | "danger";
  onSelect: () => void;
};

/**
 * A row's actions behind one `Actions` button, for tables whose rows have more actions than fit beside
 * them. A native popover (light dismiss, Escape, the top layer): Tab from the button goes into it, the
 * arrow keys move between its items. Choosing an item puts the focus back on the button first, so a
 * dialog that the item opens returns the focus there when it closes (a dialog that is unmounted rather
 * than closed needs useFocusAfterClose with the button's id).
 */
export function RowMenu({
  id: triggerId,
  name,
  items,
  disabled,
}: {
  /** The button's id, to give it the focus back (e.g. useFocusAfterClose) once a dialog it led to is gone. */
  id: string;
  name: string;
  items: readonly RowMenuItem[];
  disabled?: boolean;
}) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const popover = menu.current;
    if (!popover) return;
    const follow = () => place(popover.offsetWidth, popover.offsetHeight);
    // Placed under the button, right-aligned with it (above it when there is no room below), and moved
    // with it when the page scrolls or resizes. Measured from the
    // top left (the same for the button and the top layer, whatever the scroll bars), first with the
    // menu's least width, then with its own once it is shown.
    const place = (width: number, height: number) => {
      if (!trigger.current) return;
      const r = trigger.current.getBoundingClientRect();
      const room = document.documentElement.clientHeight - r.bottom;
      popover.style.left = `${Math.max(8, r.right - width)}px`;
      popover.style.top = `${room >= height + 12 ? r.bottom + 4 : Math.max(8, r.top - height - 4)}px`;
    };
    const onBeforeToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === "open") place(192, 44 * items.length + 8);
    };
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === "open") {
        place(popover.offsetWidth, popover.offsetHeight);
        popover.querySelector<HTMLButtonElement>("button")?.focus();
        window.addEventListener("scroll", follow, { capture: true, passive: true });
        window.addEventListener("resize", follow);
      } else {
        window.removeEventListener("scroll", follow, { capture: true });
        window.removeEventListener("resize", follow);
      }
    };
    popover.addEventListener("beforetoggle", onBeforeToggle);
    popover.addEventListener("toggle", onToggle);
    return () => {
      popover.removeEventListener("beforetoggle", onBeforeToggle);
      popover.removeEventListener("toggle", onToggle);
      window.removeEventListener("scroll", follow, { capture: true });
      window.removeEventListener("resize", follow);
    };
  }, [items.length]);

  function step(event: React.KeyboardEvent<HTMLDivElement>) {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      event.key === "ArrowDown"
        ? (at + 1) % buttons.length
        : event.key === "ArrowUp"
          ? (at - 1 + buttons.length) % buttons.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? buttons.length - 1
              : -1;
    if (to === -1) return;
    event.preventDefault();
    buttons[to]?.focus();
  }

  return (
    <>
      <Button ref={trigger} id={triggerId} size="sm" popoverTarget={id} disabled={disabled} aria-label={`Actions for ${name}`}>
        Actions
        <ChevronDownIcon className="size-3.5 text-zinc-500 dark:text-zinc-400" />
      </Button>
      <div
        ref={menu}
        id={id}
        popover="auto"
        role="group"
        aria-label={`Actions for ${name}`}
        onKeyDown={step}
        className={cn(
          "fixed inset-auto m-0 min-w-48 flex-col gap-0.5 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg open:flex",
          "dark:border-zinc-700 dark:bg-zinc-900",
        )}
      >
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            aria-label={item.name}
            onClick={() => {
              trigger.current?.focus();
              menu.current?.hidePopover();
              item.onSelect();
            }}
            className={cn(
              "rounded-md px-3 py-2 text-left text-sm whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-accent",
              "hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800",
              item.tone === "danger" ? "text-red-700 dark:text-red-400" : "text-zinc-900 dark:text-zinc-100",
            )}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
