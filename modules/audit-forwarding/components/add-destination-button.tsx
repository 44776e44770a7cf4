"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { useHydrated } from "@/components/ui/use-hydrated";
import { DestinationDialog, EMPTY_DESTINATION } from "./destination-dialog";

export function AddDestinationButton({ full }: { full: boolean }) {
  const ready = useHydrated();
  const [opens, setOpens] = useState(0);
  return (
    <>
      <Button variant="primary" disabled={!ready || full} onClick={() => setOpens((n) => n + 1)}>
        <PlusIcon className="size-4" />
        Add destination
      </Button>
      {opens > 0 ? (
        <DestinationDialog key={opens} editing={null} initial={EMPTY_DESTINATION} onClose={() => setOpens(0)} />
      ) : null}
    </>
  );
}
