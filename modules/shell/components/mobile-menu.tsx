"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";
import { NavLinks } from "./nav-links";

function MenuIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.5} aria-hidden className="size-5">
      <path d="M3 5h14M3 10h14M3 15h14" strokeLinecap="round" />
    </svg>
  );
}

/** Narrow screens: the navigation pane folds into a menu under the top bar. */
export function MobileMenu({ footer }: { footer: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="px-2"
        aria-expanded={open}
        aria-controls="mobile-navigation"
        onClick={() => setOpen((v) => !v)}
      >
        {open ? <XIcon className="size-5" /> : <MenuIcon />}
        <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
      </Button>
      {open ? (
        <div
          id="mobile-navigation"
          className="absolute inset-x-0 top-14 z-20 border-b border-zinc-200 bg-white px-4 pb-4 pt-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-950"
        >
          <NavLinks onNavigate={() => setOpen(false)} />
          <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">{footer}</div>
        </div>
      ) : null}
    </>
  );
}
