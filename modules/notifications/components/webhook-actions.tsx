"use client";

import { useState, useTransition } from "react";
import { AlertDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import { removeWebhookAction, rotateWebhookSecretAction, sendTestWebhookAction } from "../actions";
import { SecretView } from "./secret-view";
import { DEFAULT_WEBHOOK_EVENTS } from "@/modules/notifications/shared/webhook-schema";
import { WebhookDialog, type WebhookFormValues } from "./webhook-dialog";
import { consoleUnreachable } from "@/components/ui/unreachable";

/** Add webhook, in the page header of the Webhooks section. */
export function AddWebhookButton({ full }: { full: boolean }) {
  const ready = useHydrated();
  const [open, setOpen] = useState(0);
  return (
    <>
      <Button variant="primary" disabled={!ready || full} onClick={() => setOpen((n) => n + 1)}>
        Add webhook
      </Button>
      {open > 0 ? (
        <WebhookDialog key={open} initial={{ url: "", events: DEFAULT_WEBHOOK_EVENTS }} onClose={() => setOpen(0)} />
      ) : null}
    </>
  );
}

/** A webhook's Send test, Edit, Remove and Rotate secret (each named with the URL). */
export function WebhookActions({ id, values }: { id: string; values: WebhookFormValues }) {
  const ready = useHydrated();
  const [editing, setEditing] = useState(0);
  const [confirm, setConfirm] = useState<"remove" | "rotate" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, startTest] = useTransition();
  const [busy, startBusy] = useTransition();
  const name = values.url;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={!ready || testing}
          aria-label={`Send test to ${name}`}
          onClick={() => {
            setResult(null);
            startTest(async () => {
              try {
                const r = await sendTestWebhookAction({ id });
                setResult(r.ok ? { ok: r.data.ok, text: r.data.message } : { ok: false, text: r.error.message });
              } catch {
                setResult({ ok: false, text: consoleUnreachable() });
              }
            });
          }}
        >
          {testing ? "Sending…" : "Send test"}
        </Button>
        <Button size="sm" disabled={!ready} aria-label={`Edit ${name}`} onClick={() => setEditing((n) => n + 1)}>
          Edit
        </Button>
        <Button size="sm" disabled={!ready} aria-label={`Rotate secret of ${name}`} onClick={() => setConfirm("rotate")}>
          Rotate secret
        </Button>
        <Button size="sm" disabled={!ready} aria-label={`Remove ${name}`} onClick={() => setConfirm("remove")}>
          Remove
        </Button>
      </div>
      <p
        role="status"
        className={result && !result.ok ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-zinc-700 dark:text-zinc-300"}
      >
        {result ? `${result.ok ? "Test delivered" : "Test failed"}: ${result.text}` : ""}
      </p>
      {editing > 0 ? <WebhookDialog key={editing} editing={id} initial={values} onClose={() => setEditing(0)} /> : null}
      {secret ? (
        <Dialog open title="Webhook signing secret" onRequestClose={() => undefined}>
          <SecretView secret={secret} onDone={() => setSecret(null)} />
        </Dialog>
      ) : null}
      <AlertDialog
        open={confirm !== null}
        title={confirm === "remove" ? "Remove webhook?" : "Rotate signing secret?"}
        tone={confirm === "remove" ? "danger" : "default"}
        confirmLabel={confirm === "remove" ? "Remove" : "Rotate secret"}
        pending={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          startBusy(async () => {
            if (confirm === "remove") await removeWebhookAction({ id }).catch(() => undefined);
            else {
              const r = await rotateWebhookSecretAction({ id }).catch(() => null);
              if (r?.ok) setSecret(r.data.secret);
              else setResult({ ok: false, text: r ? r.error.message : consoleUnreachable() });
            }
            setConfirm(null);
          })
        }
      >
        {confirm === "remove"
          ? `${name} will receive no more events; its delivery log is deleted.`
          : `A new secret signs every request to ${name} from now on, retries included: the receiver must be given it, or it will refuse them.`}
      </AlertDialog>
    </div>
  );
}
