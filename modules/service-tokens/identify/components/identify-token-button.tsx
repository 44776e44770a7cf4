"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

// Loaded on demand, like Create New's dialog: when the pointer or the focus reaches the button, or on the click.
const IdentifyTokenDialog = dynamic(() => import("./identify-token-dialog").then((m) => m.IdentifyTokenDialog), {
  ssr: false,
});
const prefetch = () => void import("./identify-token-dialog");

/** "Identify a token": each click mounts a fresh dialog, so no earlier answer is shown again. */
export function IdentifyTokenButton({ canRevoke }: { canRevoke: boolean }) {
  const [opens, setOpens] = useState(0);
  const ready = useHydrated();
  return (
    <>
      <Button disabled={!ready} onClick={() => setOpens((n) => n + 1)} onPointerEnter={prefetch} onFocus={prefetch}>
        Identify a token
      </Button>
      {opens > 0 ? <IdentifyTokenDialog key={opens} canRevoke={canRevoke} /> : null}
    </>
  );
}
