import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  icon?: ReactNode;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  /** Heading element for the title; pick the level that fits the page outline. */
  headingAs?: "h2" | "h3" | "p";
  className?: string;
};

export function EmptyState({ icon, title, description, action, headingAs: Heading = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700",
        className,
      )}
    >
      {icon ? (
        <div className="mb-4 flex size-10 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400 [&_svg]:size-5">
          {icon}
        </div>
      ) : null}
      <Heading className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</Heading>
      {description ? <div className="mt-1 max-w-sm text-zinc-600 dark:text-zinc-400">{description}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
