import type { ComponentPropsWithRef } from "react";
import { cn } from "./cn";

export type BadgeTone = "green" | "amber" | "red" | "zinc" | "blue";

export type BadgeProps = ComponentPropsWithRef<"span"> & { tone?: BadgeTone };

/** A status pill (the .badge classes in globals.css). */
export function Badge({ tone = "zinc", className, children, ...props }: BadgeProps) {
  return (
    <span className={cn("badge", `badge-${tone}`, className)} {...props}>
      <span aria-hidden="true" className="badge-dot" />
      {children}
    </span>
  );
}
