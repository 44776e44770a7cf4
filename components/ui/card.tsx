import type { ComponentPropsWithRef } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: ComponentPropsWithRef<"div">) {
  return (
    <div
      className={cn("rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900", className)}
      {...props}
    />
  );
}
