"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useTransition, type ComponentProps, type ReactNode } from "react";
import { RESULTS_ID } from "@/modules/service-tokens/shared/paths";

type Navigate = (href: string, options?: { focusResults?: boolean }) => void;

const NavigationContext = createContext<Navigate | null>(null);

/**
 * The list's views (search, filters, sort, pages) as transitions: while the next view loads, the region is
 * marked busy (aria-busy, a progress line, the old rows dimmed: globals.css), so nobody reads the old rows
 * and count as the answer. After a sort or a page the focus goes to the results' count, not the body.
 */
export function ListNavigation({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const focusAfter = useRef(false);

  // A page of the pager is a whole page load to `#RESULTS_ID` (pager.tsx): the count takes the focus there too.
  useEffect(() => {
    if (window.location.hash === `#${RESULTS_ID}`) document.getElementById(RESULTS_ID)?.focus();
  }, []);

  useEffect(() => {
    if (pending || !focusAfter.current) return;
    focusAfter.current = false;
    document.getElementById(RESULTS_ID)?.focus();
  }, [pending]);

  const navigate: Navigate = (href, options) => {
    focusAfter.current = Boolean(options?.focusResults);
    startTransition(() => router.push(href, { scroll: false }));
  };

  return (
    <NavigationContext value={navigate}>
      <div aria-busy={pending} className="tl-region flex flex-col gap-3">
        <div aria-hidden="true" className="tl-progress" />
        {children}
      </div>
    </NavigationContext>
  );
}

/** Moves to another view of the list, marking the list busy meanwhile (outside ListNavigation: a plain push). */
export function useListNavigation(): Navigate {
  const navigate = useContext(NavigationContext);
  const router = useRouter();
  return navigate ?? ((href) => router.push(href, { scroll: false }));
}

/**
 * A link to another view of the list (a sort, a page): a real link (its own URL, opens in a new tab), whose
 * plain click is a transition of ListNavigation, the focus going to the results' count afterwards.
 */
export function ListLink({ href, ...props }: Omit<ComponentProps<typeof Link>, "href" | "onClick"> & { href: string }) {
  const navigate = useListNavigation();
  return (
    <Link
      {...props}
      href={href}
      scroll={false}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href, { focusResults: true });
      }}
    />
  );
}
