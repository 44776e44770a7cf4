"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { useHydrated } from "@/components/ui/use-hydrated";

// The dialog, its form and zod are not part of the page's first load: they are fetched when the
// pointer or the focus reaches the button (usually done before the click), or on the click itself.
const CreateTokenDialog = dynamic(() => import("./create-token-dialog").then((m) => m.CreateTokenDialog), { ssr: false });
const prefetch = () => void import("./create-token-dialog");

/**
 * "Create New". Each click mounts a fresh dialog (keyed by the count of opens), so nothing typed or
 * shown last time, least of all a token, survives into the next one.
 */
export function CreateTokenButton() {
  const [opens, setOpens] = useState(0);
  const ready = useHydrated();
  return (
    <>
      <Button
        variant="primary"
        disabled={!ready}
        onClick={() => setOpens((n) => n + 1)}
        onPointerEnter={prefetch}
        onFocus={prefetch}
      >
        <PlusIcon />
        Create New
      </Button>
      {opens > 0 ? <CreateTokenDialog key={opens} /> : null}
    </>
  );
}
