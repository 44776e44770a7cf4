import type { ComponentPropsWithRef } from "react";
import { cn } from "./cn";

/** Decorative spinner: pair it with text or `aria-busy` on the element that is busy. */
export function Spinner({ className, ...props }: Omit<ComponentPropsWithRef<"svg">, "children">) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
      focusable="false"
      className={cn("size-4 shrink-0 animate-spin motion-reduce:[animation-duration:2s]", className)}
      {...props}
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="2.5" opacity="0.25" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
