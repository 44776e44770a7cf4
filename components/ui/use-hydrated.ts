"use client";

import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the component in the browser.
 * For what only the browser can do (its time zone, a portal into <body>), and for buttons that do
 * nothing until their handler is attached: rendered disabled until then, so an early click is not
 * silently lost (and a test's click waits for them).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
