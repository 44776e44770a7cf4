"use client";

import { useState, useTransition } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { removeDirectoryAction } from "../actions";
import { consoleUnreachable } from "@/components/ui/unreachable";

const WHAT = {
  ldap: {
    title: "Remove the LDAP settings?",
    name: "LDAP settings",
    text: "LDAP users can no longer sign in; their sessions end within the re-check interval. They stay in Users. Local administrators only is turned off with them.",
  },
  oidc: {
    title: "Remove the OpenID Connect settings?",
    name: "OpenID Connect settings",
    text: "The sign-in page no longer offers the provider's button; OpenID Connect users can no longer sign in and their sessions end within the re-check interval. They stay in Users.",
  },
} as const;

/** `Remove` for one kind of directory settings, after a confirmation. */
export function RemoveSettings({ kind }: { kind: "ldap" | "oidc" }) {
  const ready = useHydrated();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState("");
  const [busy, startBusy] = useTransition();
  const what = WHAT[kind];
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="danger" disabled={!ready} aria-label={`Remove the ${what.name}`} onClick={() => setOpen(true)}>
          Remove
        </Button>
      </div>
      <p role="status" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
      <AlertDialog
        open={open}
        title={what.title}
        tone="danger"
        confirmLabel="Remove"
        pending={busy}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          startBusy(async () => {
            const result = await removeDirectoryAction({ kind }).catch(() => null);
            setError(result ? (result.ok ? "" : result.error.message) : consoleUnreachable("nothing was removed"));
            setOpen(false);
          })
        }
      >
        {what.text}
      </AlertDialog>
    </div>
  );
}
