"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { RevokeTarget } from "./revoke-token-dialog";

// The confirmation (and its Reason field) is loaded when a Revoke button is first pointed at, focused or
// clicked: a list page has up to 100 of these buttons and most visits never open one.
const RevokeTokenDialog = dynamic(() => import("./revoke-token-dialog").then((m) => m.RevokeTokenDialog), { ssr: false });
const prefetch = () => void import("./revoke-token-dialog");

type Props = {
  token: RevokeTarget;
  /** id of the element (with tabIndex -1) that takes focus after a revoke: the button itself goes away. */
  focusAfterRevoke: string;
  onRevoked?: () => void;
  /** The id of the token's Issued To where the button is one of many (the list's rows). */
  describedBy?: string;
};

/** A token's `Revoke` (named `Revoke <ID>`); each click mounts a fresh confirmation. */
export function RevokeTokenButton({ token, focusAfterRevoke, onRevoked, describedBy }: Props) {
  const [opens, setOpens] = useState(0);
  const ready = useHydrated();
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        disabled={!ready}
        aria-label={`Revoke ${token.publicId}`}
        aria-describedby={describedBy}
        onClick={() => setOpens((n) => n + 1)}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        className="btn-revoke"
      >
        Revoke
      </Button>
      {opens > 0 ? (
        <RevokeTokenDialog key={opens} token={token} focusAfterRevoke={focusAfterRevoke} onRevoked={onRevoked} />
      ) : null}
    </>
  );
}
