import type { ReactNode } from "react";
import { KeyIcon } from "@/components/ui/icons";
import type { SessionUser } from "@/lib/auth/users";
import { MobileMenu } from "./mobile-menu";
import { NavLinks } from "./nav-links";
import { UserPanel } from "./user-panel";

function Brand() {
  return (
    <span className="flex items-center gap-2 text-sm font-semibold tracking-tight">
      <span className="flex size-7 items-center justify-center rounded-md bg-accent text-white">
        <KeyIcon className="size-4" />
      </span>
      On-prem Console
    </span>
  );
}

/** The signed-in layout: a left navigation pane (a top bar with a menu on narrow screens) and the page. */
export function ConsoleShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
      {/* The first Tab stop: past the navigation to the page (WCAG 2.4.1). */}
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-accent-text shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900"
      >
        Skip to content
      </a>
      <header className="relative sticky top-0 z-10 flex h-14 items-center justify-between border-b border-zinc-200 bg-white/90 px-4 backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-950/90">
        <Brand />
        <MobileMenu footer={<UserPanel user={user} />} />
      </header>
      <aside className="hidden border-r border-zinc-200 bg-white md:sticky md:top-0 md:flex md:h-dvh md:flex-col dark:border-zinc-800 dark:bg-zinc-950">
        <div className="flex h-14 items-center px-4">
          <Brand />
        </div>
        <div className="flex-1 overflow-y-auto px-3 py-4">
          <NavLinks />
        </div>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <UserPanel user={user} />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 outline-hidden px-4 py-6 sm:px-6 md:px-6 md:py-10 2xl:px-10">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
