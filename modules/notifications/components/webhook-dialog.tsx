"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, fieldDescribedBy } from "@/components/ui/field";
import { fieldErrorsOf } from "@/lib/action-result";
import { addWebhookAction, updateWebhookAction } from "../actions";
import {
  WEBHOOK_EVENTS,
  WEBHOOK_EVENT_LABELS,
  webhookSchema,
  type WebhookEvent,
} from "@/modules/notifications/shared/webhook-schema";
import { SecretView } from "./secret-view";
import { consoleUnreachable } from "@/components/ui/unreachable";

export type WebhookFormValues = { url: string; events: WebhookEvent[] };

/** Add webhook (then its signing secret, once) or Edit webhook. */
export function WebhookDialog({
  editing,
  initial,
  onClose,
}: {
  editing?: string;
  initial: WebhookFormValues;
  onClose: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const urlRef = useRef<HTMLInputElement>(null);
  const title = secret ? "Webhook signing secret" : editing ? "Edit webhook" : "Add webhook";

  function submit() {
    const checked = webhookSchema.safeParse(values);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error));
      setMessage("Check the highlighted fields.");
      return;
    }
    setErrors({});
    startTransition(async () => {
      try {
        if (editing) {
          const result = await updateWebhookAction({ id: editing, ...values });
          if (result.ok) onClose();
          else {
            setErrors(result.error.fieldErrors ?? {});
            setMessage(result.error.message);
          }
        } else {
          const result = await addWebhookAction(values);
          if (result.ok) setSecret(result.data.secret);
          else {
            setErrors(result.error.fieldErrors ?? {});
            setMessage(result.error.message);
          }
        }
      } catch {
        setMessage(consoleUnreachable("nothing was saved"));
      }
    });
  }

  return (
    <Dialog
      open
      title={title}
      onRequestClose={() => (secret ? undefined : onClose())}
      initialFocusRef={secret ? undefined : urlRef}
    >
      {secret ? (
        <SecretView secret={secret} onDone={onClose} />
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Field label="URL" htmlFor="webhook-url" error={errors.url}>
            <Input
              ref={urlRef}
              id="webhook-url"
              type="url"
              value={values.url}
              onChange={(e) => setValues({ ...values, url: e.target.value })}
              invalid={Boolean(errors.url)}
              aria-describedby={fieldDescribedBy("webhook-url", { error: errors.url })}
            />
          </Field>
          <fieldset className="flex flex-col gap-2" aria-describedby={errors.events ? "webhook-events-error" : undefined}>
            <legend className="text-sm font-medium">Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-(--color-accent)"
                  checked={values.events.includes(event)}
                  onChange={(e) =>
                    setValues({
                      ...values,
                      events: e.target.checked ? [...values.events, event] : values.events.filter((x) => x !== event),
                    })
                  }
                />
                <span>{WEBHOOK_EVENT_LABELS[event]}</span>
              </label>
            ))}
            {errors.events ? (
              <p id="webhook-events-error" className="text-sm text-red-600 dark:text-red-400">
                {errors.events}
              </p>
            ) : null}
          </fieldset>
          <p role="status" className="text-sm text-red-700 dark:text-red-400">
            {message}
          </p>
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
