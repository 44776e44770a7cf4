"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { BellIcon, ChartIcon, ClockIcon, KeyIcon, SettingsIcon, ShieldIcon, UsersIcon } from "@/components/ui/icons";
import { NAVIGATION } from "./nav";

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-6">
      {NAVIGATION.map((group) => (
        <div key={group.label} role="group" aria-labelledby={`nav-${group.label}`}>
          <p
            id={`nav-${group.label}`}
            className="mb-1 flex items-center gap-2 px-2 text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400"
          >
            <SettingsIcon className="size-3.5" />
            {group.label}
          </p>
          <ul className="flex flex-col gap-0.5">
            {group.items.map((item) => {
              const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={current ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm transition-colors",
                      "focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-accent",
                      current
                        ? "bg-zinc-200/70 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                        : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100",
                    )}
                  >
                    {item.icon === "chart" ? (
                      <ChartIcon className="size-4" />
                    ) : item.icon === "clock" ? (
                      <ClockIcon className="size-4" />
                    ) : item.icon === "shield" ? (
                      <ShieldIcon className="size-4" />
                    ) : item.icon === "settings" ? (
                      <SettingsIcon className="size-4" />
                    ) : item.icon === "bell" ? (
                      <BellIcon className="size-4" />
                    ) : item.icon === "users" ? (
                      <UsersIcon className="size-4" />
                    ) : (
                      <KeyIcon className="size-4" />
                    )}
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
