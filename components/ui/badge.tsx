import type { ComponentPropsWithRef } from "react";
import { cn } from "./cn";

export type BadgeTone = "green" | "amber" | "red" | "zinc" | "blue";

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  green: {
    badge: "bg-green-50 text-green-700 ring-green-600/20 dark:bg-green-500/10 dark:text-green-400 dark:ring-green-400/25",
    dot: "bg-green-500",
  },
  amber: {
    badge: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/25",
    dot: "bg-amber-500",
  },
  red: {
    badge: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-400 dark:ring-red-400/25",
    dot: "bg-red-500",
  },
  zinc: {
    badge: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-400/10 dark:text-zinc-300 dark:ring-zinc-400/20",
    dot: "bg-zinc-400",
  },
  blue: {
    badge: "bg-blue-50 text-blue-700 ring-blue-600/20 dark:bg-blue-500/10 dark:text-blue-300 dark:ring-blue-400/25",
    dot: "bg-blue-500",
  },
};

export type BadgeProps = ComponentPropsWithRef<"span"> & { tone?: BadgeTone };

export function Badge({ tone = "zinc", className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        tones[tone].badge,
        className,
      )}
      {...props}
    >
      <span aria-hidden="true" className={cn("size-1.5 shrink-0 rounded-full", tones[tone].dot)} />
      {children}
    </span>
  );
}
