import type { ComponentPropsWithRef } from "react";
import { cn } from "./cn";

export type TableProps = ComponentPropsWithRef<"table"> & {
  /** Classes for the bordered card that scrolls horizontally on narrow screens. */
  containerClassName?: string;
};

export function Table({ className, containerClassName, ...props }: TableProps) {
  // `relative` keeps absolutely positioned cell content (e.g. sr-only text) inside the scroller.
  return (
    <div
      className={cn(
        "relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900",
        containerClassName,
      )}
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentPropsWithRef<"thead">) {
  return (
    <thead
      className={cn("border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60", className)}
      {...props}
    />
  );
}

export function TBody({ className, ...props }: ComponentPropsWithRef<"tbody">) {
  return (
    <tbody
      className={cn(
        "divide-y divide-zinc-200 dark:divide-zinc-800",
        "[&>tr:hover]:bg-zinc-50 dark:[&>tr:hover]:bg-zinc-800/40",
        className,
      )}
      {...props}
    />
  );
}

export function TR({ className, ...props }: ComponentPropsWithRef<"tr">) {
  return <tr className={cn("transition-colors", className)} {...props} />;
}

export function TH({ scope = "col", className, ...props }: ComponentPropsWithRef<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-3 py-2.5 first:pl-4 last:pr-4 text-xs font-medium whitespace-nowrap text-zinc-500 dark:text-zinc-400",
        className,
      )}
      {...props}
    />
  );
}

export function TD({ className, ...props }: ComponentPropsWithRef<"td">) {
  return <td className={cn("px-3 py-3 first:pl-4 last:pr-4 align-middle text-zinc-700 dark:text-zinc-300", className)} {...props} />;
}
