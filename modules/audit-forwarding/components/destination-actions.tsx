"use client";

import { useState, useTransition } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { removeDestinationAction, sendTestEventAction } from "../actions";
import { DestinationDialog, type DestinationFormValues } from "./destination-dialog";
import { consoleUnreachable } from "@/components/ui/unreachable";

/** A destination's Send test event, Edit and Remove (named with the destination). */
export function DestinationActions({
  id,
  name,
  hasClientKey,
  values,
}: {
  id: string;
  name: string;
  hasClientKey: boolean;
  values: DestinationFormValues;
}) {
  const ready = useHydrated();
  const [editing, setEditing] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, startTest] = useTransition();
  const [removing, startRemove] = useTransition();

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={!ready || testing}
          aria-label={`Send test event to ${name}`}
          onClick={() => {
            setResult(null);
            startTest(async () => {
              try {
                const r = await sendTestEventAction({ id });
                setResult(r.ok ? { ok: r.data.ok, text: r.data.message } : { ok: false, text: r.error.message });
              } catch {
                setResult({ ok: false, text: consoleUnreachable() });
              }
            });
          }}
        >
          {testing ? "Sending…" : "Send test event"}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={!ready}
          aria-label={`Edit ${name}`}
          onClick={() => setEditing((n) => n + 1)}
        >
          Edit
        </Button>
        <Button size="sm" variant="secondary" disabled={!ready} aria-label={`Remove ${name}`} onClick={() => setConfirming(true)}>
          Remove
        </Button>
      </div>
      <p
        role="status"
        className={result && !result.ok ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-zinc-700 dark:text-zinc-300"}
      >
        {result ? `${result.ok ? "Test event delivered" : "Test event failed"}: ${result.text}` : ""}
      </p>
      {editing > 0 ? (
        <DestinationDialog key={editing} editing={{ id, hasClientKey }} initial={values} onClose={() => setEditing(0)} />
      ) : null}
      <AlertDialog
        open={confirming}
        title="Remove audit destination?"
        tone="danger"
        confirmLabel="Remove"
        pending={removing}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          startRemove(async () => {
            await removeDestinationAction({ id }).catch(() => undefined);
            setConfirming(false);
          })
        }
      >
        {`${name} will receive no more audit events. Events it has not received yet are not sent to it.`}
      </AlertDialog>
    </div>
  );
}
