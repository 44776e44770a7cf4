"use client";

import dynamic from "next/dynamic";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { TokenType } from "@/lib/tokens/format";

export type RotateTarget = { publicId: string; type: TokenType; issuedTo: string };

// Loaded when a Rotate button is first pointed at, focused or clicked, not with the page.
const RotateTokenDialog = dynamic(() => import("./rotate-token-dialog").then((m) => m.RotateTokenDialog), { ssr: false });
const prefetch = () => void import("./rotate-token-dialog");

const RotateContext = createContext<((token: RotateTarget) => void) | null>(null);

/**
 * Holds the Rotate dialog above the rows (or the token page's header): rotating expires or replaces the
 * token, the refreshed page drops its Rotate button or the whole row, and a dialog living in the row
 * would take the one-time token with it.
 */
export function RotateProvider({ children, focusAfterClose }: { children: ReactNode; focusAfterClose: string }) {
  const [target, setTarget] = useState<{ token: RotateTarget; key: number; opener: Element | null } | null>(null);

  function closed() {
    const opener = target?.opener;
    setTarget(null);
    // The dialog goes away with the provider's state, not by closing: hand focus back to the Rotate
    // button, or (when the refreshed page has dropped it) to a stable place.
    requestAnimationFrame(() => {
      const back = opener instanceof HTMLElement && opener.isConnected ? opener : document.getElementById(focusAfterClose);
      back?.focus();
    });
  }

  return (
    <RotateContext value={(token) => setTarget({ token, key: Date.now(), opener: document.activeElement })}>
      {children}
      {target ? <RotateTokenDialog key={target.key} token={target.token} onClosed={closed} /> : null}
    </RotateContext>
  );
}

/** A row's or the token page's `Rotate` (named `Rotate <ID>`); needs a RotateProvider above it. */
/** `describedBy`: the id of the token's Issued To where the button is one of many (the list's rows). */
export function RotateTokenButton({ token, describedBy }: { token: RotateTarget; describedBy?: string }) {
  const open = useContext(RotateContext);
  const ready = useHydrated();
  if (!open) throw new Error("RotateTokenButton needs a RotateProvider above it.");
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={!ready}
      onClick={() => open(token)}
      onPointerEnter={prefetch}
      onFocus={prefetch}
      aria-label={`Rotate ${token.publicId}`}
      aria-describedby={describedBy}
    >
      Rotate
    </Button>
  );
}
